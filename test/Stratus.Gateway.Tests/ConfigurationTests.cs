using System.Net;
using Stratus.Gateway.Tests.Support;

namespace Stratus.Gateway.Tests;

public sealed class ConfigurationTests
{
    private static readonly string[] NoUriPredicates = ["Path=/n"];
    private static readonly string[] ForwardPredicates = ["Path=/f"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Invalid_routes_are_refused_naming_route_and_field_while_valid_ones_serve()
    {
        await using var backend = await Backend.StartAsync();
        await using var gateway = await GatewayHost.StartAsync(Routes.Json(
            Routes.Route("good", backend.Address, ["Path=/good/**"]),
            Routes.Route("bad-regex", backend.Address, ["Header=X-Id, ([a-z"]),
            Routes.Route("bad-filter", backend.Address, ["Path=/bf"], ["StripPrefix=lots"]),
            Routes.Route("unknown", backend.Address, ["Paht=/typo"]),
            Routes.Route("no-redis", backend.Address, ["Path=/r"], ["RequestRateLimiter"]),
            Routes.Route("not-here", backend.Address, ["Path=/m"], ["ModifyResponseBody=x"]),
            new { Id = "no-uri", Predicates = NoUriPredicates },
            new { Id = "bad-uri", Uri = "forward:/local", Predicates = ForwardPredicates }));

        Assert.Equal(HttpStatusCode.OK, await PredicateTests.StatusAsync(gateway, "good/x"));
        Assert.Equal(HttpStatusCode.NotFound, await PredicateTests.StatusAsync(gateway, "bf"));
        string logs;
        lock (gateway.Logs)
        {
            logs = string.Join('\n', gateway.Logs);
        }

        Assert.Contains("route 'bad-regex': predicates[0] Header: '([a-z' is not a valid regular expression", logs, StringComparison.Ordinal);
        Assert.Contains("route 'bad-filter': filters[0] StripPrefix: argument 'parts' = 'lots' is not an integer", logs, StringComparison.Ordinal);
        Assert.Contains("route 'unknown': predicates[0] Paht: unknown predicate 'Paht'", logs, StringComparison.Ordinal);
        Assert.Contains("route 'no-redis': filters[0] RequestRateLimiter: argument 'replenishRate' is required", logs, StringComparison.Ordinal);
        Assert.Contains("route 'not-here': filters[0] ModifyResponseBody: unknown filter 'ModifyResponseBody'", logs, StringComparison.Ordinal);
        Assert.Contains("route 'no-uri': uri is required", logs, StringComparison.Ordinal);
        Assert.Contains("route 'bad-uri': uri 'forward:/local'", logs, StringComparison.Ordinal);
        var list = await gateway.Client.GetStringAsync(new Uri("actuator/gateway/routes", UriKind.Relative), Ct);
        Assert.Contains("\"good\"", list, StringComparison.Ordinal);
        Assert.DoesNotContain("bad-regex", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Routes_reload_without_dropping_a_request_in_flight_and_a_broken_edit_keeps_the_last_good_route()
    {
        await using var v1 = await Backend.StartAsync("v1");
        await using var v2 = await Backend.StartAsync("v2");
        await using var gateway = await GatewayHost.StartAsync(Routes.Json(Routes.Route("orders", v1.Address, ["Path=/orders/**"])));

        var inFlight = gateway.Client.GetAsync(new Uri("orders/slow?delayMs=800", UriKind.Relative), Ct);
        await Task.Delay(200, Ct);
        await gateway.ReloadAsync(Routes.Json(
            Routes.Route("orders", v2.Address, ["Path=/orders/**"]),
            Routes.Route("added", v2.Address, ["Path=/added"])));

        Assert.Equal("v2", (await RoutingTests.GetEchoAsync(gateway, "orders/now")).Backend);
        Assert.Equal("v2", (await RoutingTests.GetEchoAsync(gateway, "added")).Backend);
        using (var slow = await inFlight)
        {
            Assert.Equal(HttpStatusCode.OK, slow.StatusCode);
            Assert.Equal("v1", (await Echo.ReadAsync(slow)).Backend);
        }

        await gateway.ReloadAsync(Routes.Json(
            Routes.Route("orders", v1.Address, ["Path=/orders/**", "Method=GIT HUB"]),
            Routes.Route("added", v2.Address, ["Path=/added"])));
        Assert.Equal("v2", (await RoutingTests.GetEchoAsync(gateway, "orders/still")).Backend);
        lock (gateway.Logs)
        {
            Assert.Contains(gateway.Logs, l => l.Contains("Route 'orders' keeps its last good definition", StringComparison.Ordinal));
        }

        await gateway.ReloadAsync(Routes.Json(Routes.Route("added", v2.Address, ["Path=/added"])));
        Assert.Equal(HttpStatusCode.NotFound, await PredicateTests.StatusAsync(gateway, "orders/gone"));
    }
}
