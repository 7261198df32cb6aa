using System.Net;
using Microsoft.Extensions.Configuration;
using Stratus.Management.Tests.Support;

namespace Stratus.Management.Tests.Env;

public sealed class EnvTests
{
    private static readonly Dictionary<string, string?> Base = new()
    {
        ["Stratus:Management:Exposure:Include"] = "env,configprops",
        ["App:Name"] = "orders",
        ["App:Db:Password"] = "hunter2",
        ["App:Upstream"] = "https://svc:s3cr3t@upstream.example.com:8443/api",
        ["ConnectionStrings:Main"] = "Server=db;User Id=app;Password=pw",
        ["App:Legacy"] = "Server=db;Pwd=pw2;Timeout=5",
        ["Jwt:SigningKey"] = "k3y",
        ["Auth:AccessToken"] = "t0ken",
        ["Auth:TokenUrl"] = "https://login.example.com/token",
    };

    private static void Override(IConfigurationBuilder configuration) =>
        configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["App:Name"] = "orders-override" });

    [Fact]
    public async Task Env_lists_sources_highest_first_and_masks_secrets()
    {
        await using var host = await ManagementHost.StartAsync(Base, configuration: Override);

        var body = await host.GetStringAsync("actuator/env");

        Assert.DoesNotContain("hunter2", body, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", body, StringComparison.Ordinal);
        Golden.Match("env", body);
    }

    [Fact]
    public async Task Env_with_show_values_never_masks_every_value()
    {
        var settings = new Dictionary<string, string?>(Base) { ["Stratus:Management:Env:ShowValues"] = "Never" };
        await using var host = await ManagementHost.StartAsync(settings);

        var body = await host.GetStringAsync("actuator/env");

        Golden.Match("env-never", body);
    }

    [Fact]
    public async Task One_key_shows_the_winning_source_and_every_source()
    {
        await using var host = await ManagementHost.StartAsync(Base, configuration: Override);

        Golden.Match("env-key", await host.GetStringAsync("actuator/env/App:Name"));
        Assert.Equal(await host.GetStringAsync("actuator/env/App:Name"), await host.GetStringAsync("actuator/env/app.name"));
        Assert.Contains("\"property\":{\"source\":\"MemoryConfigurationProvider\",\"value\":\"******\"}", await host.GetStringAsync("actuator/env/App:Db:Password"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("actuator/env/Nope:Missing", HttpStatusCode.NotFound)]
    [InlineData("actuator/env/a%01b", HttpStatusCode.BadRequest)]
    [InlineData("actuator/env/a%0Ab", HttpStatusCode.BadRequest)]
    [InlineData("actuator/env/a%2Fb", HttpStatusCode.NotFound)]
    public async Task Bad_or_unknown_keys_are_refused(string path, HttpStatusCode expected)
    {
        await using var host = await ManagementHost.StartAsync(Base);

        var body = await host.GetStringAsync(path, expected);

        Assert.Contains("\"status\":" + (int)expected, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Overlong_key_is_400()
    {
        await using var host = await ManagementHost.StartAsync(Base);

        var body = await host.GetStringAsync("actuator/env/" + new string('a', 257), HttpStatusCode.BadRequest);

        Assert.Contains("1 to 256 characters", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configprops_shows_one_bean_per_stratus_section_with_masking()
    {
        var settings = new Dictionary<string, string?>(Base)
        {
            ["Stratus:Gateway:ResponseTimeout"] = "00:00:30",
            ["Stratus:Gateway:TrustedProxies:0"] = "10.0.0.0/8",
            ["Stratus:Gateway:Jwt:ClientSecret"] = "shh",
            ["Stratus:Discovery:ServiceUrl"] = "http://eureka:pw@eureka:8761/eureka/",
        };
        await using var host = await ManagementHost.StartAsync(settings);

        var body = await host.GetStringAsync("actuator/configprops");

        Golden.Match("configprops", body);
    }
}
