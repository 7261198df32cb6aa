using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Stratus.Management.Tests.Support;

namespace Stratus.Management.Tests.Health;

public sealed class HealthTests
{
    private static readonly Dictionary<string, string?> Always = new()
    {
        ["Stratus:Management:Health:ShowDetails"] = "Always",
        ["Stratus:Management:Health:Groups:store:Include:0"] = "db",
    };

    /// <summary>db: healthy with data (one secret-looking), cache: degraded, queue: throws.</summary>
    internal static void AddChecks(IServiceCollection services) => services.AddHealthChecks()
        .AddCheck("db", () => HealthCheckResult.Healthy("fine", new Dictionary<string, object> { ["version"] = "16.2", ["connections"] = 3, ["password"] = "hunter2" }), tags: ["ready"])
        .AddCheck("cache", () => HealthCheckResult.Degraded("slow responses"), tags: ["live"])
        .AddCheck("queue", () => throw new InvalidOperationException("broker unreachable"), tags: ["ready"]);

    [Fact]
    public async Task Root_with_details_always_shows_every_component_and_is_503_when_one_is_down()
    {
        await using var host = await ManagementHost.StartAsync(Always, AddChecks);
        using var response = await host.GetAsync("actuator/health", remote: true);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/vnd.spring-boot.actuator.v3+json", response.Content.Headers.ContentType!.MediaType);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Golden.Match("health-always", body);
    }

    [Fact]
    public async Task Root_with_details_never_shows_only_status_and_groups_even_on_loopback()
    {
        var settings = new Dictionary<string, string?>(Always) { ["Stratus:Management:Health:ShowDetails"] = "Never" };
        await using var host = await ManagementHost.StartAsync(settings, AddChecks);

        var body = await host.GetStringAsync("actuator/health", HttpStatusCode.ServiceUnavailable);

        Golden.Match("health-never", body);
    }

    [Fact]
    public async Task Degraded_maps_to_up_and_healthy_only_app_is_200()
    {
        await using var host = await ManagementHost.StartAsync(Always, s => s.AddHealthChecks().AddCheck("cache", () => HealthCheckResult.Degraded("slow responses")));

        var body = await host.GetStringAsync("actuator/health");

        Assert.StartsWith("{\"status\":\"UP\"", body, StringComparison.Ordinal);
        Assert.Contains("\"cache\":{\"status\":\"UP\",\"details\":{\"degraded\":true,\"error\":\"slow responses\"}}", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_check_can_report_out_of_service_through_its_data()
    {
        await using var host = await ManagementHost.StartAsync(Always, s => s.AddHealthChecks()
            .AddCheck("maintenance", () => HealthCheckResult.Healthy(data: new Dictionary<string, object> { ["status"] = "OUT_OF_SERVICE" })));

        var body = await host.GetStringAsync("actuator/health", HttpStatusCode.ServiceUnavailable);

        Assert.Equal("{\"status\":\"OUT_OF_SERVICE\",\"components\":{\"maintenance\":{\"status\":\"OUT_OF_SERVICE\"},\"ping\":{\"status\":\"UP\"}},\"groups\":[\"liveness\",\"readiness\",\"store\"]}", body);
    }

    [Fact]
    public async Task Groups_take_tagged_and_listed_checks_with_their_state_component()
    {
        await using var host = await ManagementHost.StartAsync(Always, AddChecks);

        var liveness = await host.GetStringAsync("actuator/health/liveness");
        var readiness = await host.GetStringAsync("actuator/health/readiness", HttpStatusCode.ServiceUnavailable);
        var store = await host.GetStringAsync("actuator/health/store");

        Golden.Match("health-liveness", liveness);
        Golden.Match("health-readiness", readiness);
        Assert.Equal("{\"status\":\"UP\",\"components\":{\"db\":{\"status\":\"UP\",\"details\":{\"version\":\"16.2\",\"connections\":3,\"password\":\"******\"}}}}", store);
    }

    [Fact]
    public async Task Liveness_without_live_checks_is_up()
    {
        await using var host = await ManagementHost.StartAsync(Always);

        var body = await host.GetStringAsync("actuator/health/liveness");

        Assert.Equal("{\"status\":\"UP\",\"components\":{\"livenessState\":{\"status\":\"UP\"}}}", body);
    }

    [Fact]
    public async Task Components_are_served_by_name_and_inside_groups()
    {
        await using var host = await ManagementHost.StartAsync(Always, AddChecks);

        Assert.Equal("{\"status\":\"DOWN\",\"details\":{\"error\":\"broker unreachable\"}}", await host.GetStringAsync("actuator/health/queue", HttpStatusCode.ServiceUnavailable));
        Assert.Equal("{\"status\":\"UP\"}", await host.GetStringAsync("actuator/health/ping"));
        Assert.Equal("{\"status\":\"UP\"}", await host.GetStringAsync("actuator/health/readiness/readinessState"));
        Assert.Equal("{\"status\":\"UP\",\"details\":{\"degraded\":true,\"error\":\"slow responses\"}}", await host.GetStringAsync("actuator/health/liveness/cache"));
    }

    [Theory]
    [InlineData("actuator/health/nope")]
    [InlineData("actuator/health/liveness/db")]
    [InlineData("actuator/health/db/extra")]
    [InlineData("actuator/health/readiness/db/extra")]
    public async Task Unknown_components_and_groups_are_404(string path)
    {
        await using var host = await ManagementHost.StartAsync(Always, AddChecks);

        await host.GetStringAsync(path, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task When_authorized_details_go_to_loopback_and_authenticated_callers_only()
    {
        await using var host = await ManagementHost.StartAsync(services: AddChecks);

        var local = await host.GetStringAsync("actuator/health", HttpStatusCode.ServiceUnavailable);
        using var remote = await host.GetAsync("actuator/health", remote: true);
        using var signedIn = await host.GetAsync("actuator/health", remote: true, user: "ops");

        Assert.Contains("\"components\"", local, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, remote.StatusCode);
        Assert.Equal("{\"status\":\"DOWN\",\"groups\":[\"liveness\",\"readiness\"]}", await remote.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Contains("\"components\"", await signedIn.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readiness_is_out_of_service_once_the_application_is_stopping()
    {
        await using var host = await ManagementHost.StartAsync(Always);
        Assert.Equal("{\"status\":\"UP\",\"components\":{\"readinessState\":{\"status\":\"UP\"}}}", await host.GetStringAsync("actuator/health/readiness"));

        // Fires ApplicationStopping; the server keeps serving until StopAsync, as during a graceful drain.
        host.App.Lifetime.StopApplication();

        Assert.Equal("{\"status\":\"OUT_OF_SERVICE\",\"components\":{\"readinessState\":{\"status\":\"OUT_OF_SERVICE\"}}}", await host.GetStringAsync("actuator/health/readiness", HttpStatusCode.ServiceUnavailable));
        Assert.Equal("{\"status\":\"UP\",\"components\":{\"livenessState\":{\"status\":\"UP\"}}}", await host.GetStringAsync("actuator/health/liveness"));
    }

    [Fact]
    public async Task Plain_json_is_answered_when_the_client_asks_only_for_it()
    {
        await using var host = await ManagementHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "actuator/health");
        request.Headers.Accept.ParseAdd("application/json");

        using var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
    }
}
