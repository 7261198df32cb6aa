using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Stratus.Management.Http;
using Stratus.Management.Tests.Support;

namespace Stratus.Management.Tests.Http;

public sealed class AccessTests
{
    private static readonly Dictionary<string, string?> All = new() { ["Stratus:Management:Exposure:Include"] = "*" };

    [Theory]
    [InlineData("actuator/env")]
    [InlineData("actuator/env/Stratus:Management:Exposure:Include")]
    [InlineData("actuator/loggers")]
    [InlineData("actuator/loggers/ROOT")]
    [InlineData("actuator/configprops")]
    [InlineData("actuator/metrics")]
    [InlineData("actuator/mappings")]
    [InlineData("actuator/threaddump")]
    public async Task Remote_anonymous_callers_get_401_in_springs_error_shape(string path)
    {
        await using var host = await ManagementHost.StartAsync(All);

        using var response = await host.GetAsync(path, remote: true);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(401, json.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("Unauthorized", json.RootElement.GetProperty("error").GetString());
        Assert.Equal("/" + path, json.RootElement.GetProperty("path").GetString());
    }

    [Fact]
    public async Task Remote_callers_still_get_health_and_info_without_details()
    {
        await using var host = await ManagementHost.StartAsync(All);

        using var health = await host.GetAsync("actuator/health", remote: true);
        using var info = await host.GetAsync("actuator/info", remote: true);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("{\"status\":\"UP\",\"groups\":[\"liveness\",\"readiness\"]}", await health.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.OK, info.StatusCode);
    }

    [Fact]
    public async Task Authenticated_remote_callers_pass_without_a_policy()
    {
        await using var host = await ManagementHost.StartAsync(All);

        using var response = await host.GetAsync("actuator/env", remote: true, user: "ops");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("ops", HttpStatusCode.OK)]
    [InlineData("guest", HttpStatusCode.Forbidden)]
    public async Task A_configured_policy_decides_for_authenticated_remote_callers(string user, HttpStatusCode expected)
    {
        var settings = new Dictionary<string, string?>(All) { ["Stratus:Management:AuthorizationPolicy"] = "actuator" };
        await using var host = await ManagementHost.StartAsync(settings, s => s.AddAuthorizationBuilder().AddPolicy("actuator", p => p.RequireRole("ops")));

        using var response = await host.GetAsync("actuator/loggers", remote: true, user: user);

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.8.9.10", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("10.0.0.1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("2001:db8::1", false)]
    public void Loopback_includes_ipv4_mapped_addresses(string address, bool loopback)
    {
        Assert.Equal(loopback, ManagementAccess.IsLoopback(System.Net.IPAddress.Parse(address)));
    }

    [Fact]
    public void Unknown_remote_address_is_not_loopback()
    {
        Assert.False(ManagementAccess.IsLoopback(null));
    }
}
