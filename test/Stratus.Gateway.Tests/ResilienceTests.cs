using System.Net;
using Stratus.Gateway.Tests.Support;

namespace Stratus.Gateway.Tests;

/// <summary>Retry and CircuitBreaker filters against real upstreams that fail on purpose.</summary>
public sealed class ResilienceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Retry_repeats_idempotent_calls_on_5xx_and_never_repeats_a_post()
    {
        await using var backend = await Backend.StartAsync();
        await using var gateway = await GatewayHost.StartAsync(Routes.Json(
            Routes.Route("retry", backend.Address, ["Path=/flaky/**"], ["Retry=3"]),
            Routes.Route("few", backend.Address, ["Path=/few/**"], ["Retry=1"])));

        using (var ok = await gateway.Client.GetAsync(new Uri("flaky/a?failFirst=2", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal(3, backend.Requests);
        }

        using (var post = await gateway.Client.PostAsync(new Uri("flaky/a?failFirst=100", UriKind.Relative), new StringContent("x"), Ct))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, post.StatusCode);
            Assert.Equal(4, backend.Requests);
        }

        using var exhausted = await gateway.Client.GetAsync(new Uri("few/a?failFirst=100", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, exhausted.StatusCode);
        Assert.Equal(6, backend.Requests);
    }

    [Fact]
    public async Task Retry_refuses_non_idempotent_methods_in_configuration()
    {
        await using var backend = await Backend.StartAsync();
        var route = new { Id = "bad", Uri = backend.Address.GetLeftPart(UriPartial.Authority), Predicates = PathAll, Filters = new object[] { new { Name = "Retry", Args = new { retries = "2", methods = "GET,POST" } } } };
        await using var gateway = await GatewayHost.StartAsync(Routes.Json(route));
        lock (gateway.Logs)
        {
            Assert.Contains(gateway.Logs, l => l.Contains("route 'bad': filters[0] Retry: methods POST are not idempotent", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Circuit_breaker_falls_back_on_failure_and_stops_calling_the_upstream_when_open()
    {
        await using var main = await Backend.StartAsync("main");
        await using var fallback = await Backend.StartAsync("fallback");
        await using var gateway = await GatewayHost.StartAsync(
            Routes.Json(
                Routes.Route("guarded", main.Address, ["Path=/guarded/**"], ["CircuitBreaker=shared, forward:/fallback"]),
                Routes.Route("bare", main.Address, ["Path=/bare/**"], ["CircuitBreaker=bare"]),
                Routes.Route("fallback", fallback.Address, ["Path=/fallback"])),
            new Dictionary<string, string?>
            {
                ["Stratus:Gateway:CircuitBreakers:shared:MinimumThroughput"] = "2",
                ["Stratus:Gateway:CircuitBreakers:bare:MinimumThroughput"] = "2",
            });

        for (var i = 0; i < 2; i++)
        {
            using var failed = await gateway.Client.GetAsync(new Uri("guarded/x?failOn=main", UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
            Assert.Equal("fallback", (await Echo.ReadAsync(failed)).Backend);
        }

        Assert.Equal(2, main.Requests);
        using (var open = await gateway.Client.GetAsync(new Uri("guarded/x", UriKind.Relative), Ct))
        {
            Assert.Equal("fallback", (await Echo.ReadAsync(open)).Backend);
        }

        Assert.Equal(2, main.Requests);

        for (var i = 0; i < 2; i++)
        {
            using var passed = await gateway.Client.GetAsync(new Uri("bare/x?status=500", UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.InternalServerError, passed.StatusCode);
        }

        using var refused = await gateway.Client.GetAsync(new Uri("bare/x", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        var refusedBody = await refused.Content.ReadAsStringAsync(Ct);
        Assert.True(refusedBody.Contains("Circuit breaker 'bare' is open", StringComparison.Ordinal), refusedBody);
        Assert.Equal(4, main.Requests);
    }

    private static readonly string[] PathAll = ["Path=/**"];
}
