using Microsoft.Extensions.Options;
using Stratus.Management.Tests.Support;

namespace Stratus.Management.Tests;

public sealed class ManagementOptionsTests
{
    [Fact]
    public async Task Bad_settings_stop_startup_naming_every_key()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => ManagementHost.StartAsync(new Dictionary<string, string?>
        {
            ["Stratus:Management:BasePath"] = "actuator",
            ["Stratus:Management:Health:Groups:db:Include"] = string.Empty,
        }));

        Assert.Contains("Stratus:Management:BasePath must be empty or start with '/'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Stratus:Management:Health:Groups:db:Include is empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Log_event_ids_are_unique()
    {
        var ids = typeof(Stratus.Management.Logging.LoggersEndpoint.Log).GetMethods()
            .SelectMany(m => m.GetCustomAttributes(typeof(Microsoft.Extensions.Logging.LoggerMessageAttribute), false).Cast<Microsoft.Extensions.Logging.LoggerMessageAttribute>())
            .Select(a => a.EventId).ToList();

        Assert.Equal(2, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }
}
