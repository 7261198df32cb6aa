using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;
using Stratus.Bus.Environment;

namespace Stratus.Bus.Tests.Environment;

/// <summary>The busenv layer: Spring names as .NET keys, above the sources added before it, one reload per change.</summary>
public sealed class BusEnvironmentTests
{
    [Fact]
    public void Values_win_over_earlier_sources_under_dotNET_keys_and_a_null_gives_the_old_value_back()
    {
        var environment = new BusEnvironment();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["app:message"] = "from-file", ["hosts:0"] = "a" })
            .Add(new BusEnvironmentSource(environment))
            .Build();
        var reloads = 0;
        ChangeToken.OnChange(configuration.GetReloadToken, () => reloads++);

        var changed = environment.Apply(new Dictionary<string, string?> { ["app.message"] = "from-bus", ["hosts[0]"] = "b", ["map[a.b].c"] = "d" });

        Assert.Equal(["app:message", "hosts:0", "map:a.b:c"], changed);
        Assert.Equal("from-bus", configuration["app:message"]);
        Assert.Equal("b", configuration["hosts:0"]);
        Assert.Equal("d", configuration["map:a.b:c"]);
        Assert.Equal(1, reloads);

        Assert.Empty(environment.Apply(new Dictionary<string, string?> { ["app.message"] = "from-bus" }));
        Assert.Equal(1, reloads);

        Assert.Equal(["app:message"], environment.Apply(new Dictionary<string, string?> { ["app.message"] = null, ["never.set"] = null }));
        Assert.Equal("from-file", configuration["app:message"]);
        Assert.Equal(2, reloads);
    }

    [Fact]
    public void A_rebuilt_provider_keeps_the_values_set_so_far()
    {
        var environment = new BusEnvironment();
        environment.Apply(new Dictionary<string, string?> { ["a.b"] = "c" });

        var configuration = new ConfigurationBuilder().Add(new BusEnvironmentSource(environment)).Build();

        Assert.Equal("c", configuration["a:b"]);
    }
}
