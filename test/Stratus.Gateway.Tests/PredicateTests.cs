using System.Net;
using Stratus.Gateway.Tests.Support;

namespace Stratus.Gateway.Tests;

public sealed class PredicateTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Host_method_header_query_and_cookie_predicates_decide_the_route()
    {
        await using var fallback = await Backend.StartAsync("fallback");
        await using var chosen = await Backend.StartAsync("chosen");
        await using var gateway = await GatewayHost.StartAsync(Routes.Json(
            Routes.Route("host", chosen.Address, ["Host=**.example.org,{sub}.example.com", "Path=/h"], ["AddRequestHeader=X-Sub, {sub}"]),
            Routes.Route("method", chosen.Address, ["Method=POST,PUT", "Path=/m"]),
            Routes.Route("header", chosen.Address, ["Header=X-Request-Id, \\d+", "Path=/hd"]),
            Routes.Route("query", chosen.Address, ["Query=color, gree.", "Path=/q"]),
            Routes.Route("query-any", chosen.Address, ["Query=flag", "Path=/qa"]),
            Routes.Route("cookie", chosen.Address, ["Cookie=chocolate, ch.p", "Path=/c"]),
            Routes.Route("fallback", fallback.Address, ["Path=/**"], order: 100)));

        Assert.Equal("chosen", (await Echo("h", r => r.Headers.Host = "api.example.org")).Backend);
        Assert.Equal("chosen", (await Echo("h", r => r.Headers.Host = "a.b.example.org:8080")).Backend);
        var sub = await Echo("h", r => r.Headers.Host = "eu.example.com");
        Assert.Equal(("chosen", "eu"), (sub.Backend, sub.Header("X-Sub")));
        Assert.Equal("fallback", (await Echo("h", r => r.Headers.Host = "example.net")).Backend);

        Assert.Equal("chosen", (await Echo("m", r => r.Method = HttpMethod.Put)).Backend);
        Assert.Equal("fallback", (await Echo("m")).Backend);

        Assert.Equal("chosen", (await Echo("hd", r => r.Headers.Add("X-Request-Id", "123"))).Backend);
        Assert.Equal("fallback", (await Echo("hd", r => r.Headers.Add("X-Request-Id", "12a"))).Backend);
        Assert.Equal("fallback", (await Echo("hd")).Backend);

        Assert.Equal("chosen", (await Echo("q?color=green")).Backend);
        Assert.Equal("fallback", (await Echo("q?color=greenish")).Backend);
        Assert.Equal("chosen", (await Echo("qa?flag=")).Backend);
        Assert.Equal("fallback", (await Echo("qa")).Backend);

        Assert.Equal("chosen", (await Echo("c", r => r.Headers.Add("Cookie", "chocolate=chip"))).Backend);
        Assert.Equal("fallback", (await Echo("c", r => r.Headers.Add("Cookie", "chocolate=chunk"))).Backend);

        Task<Echo> Echo(string path, Action<HttpRequestMessage>? configure = null) => RoutingTests.GetEchoAsync(gateway, path, configure);
    }

    [Fact]
    public async Task After_before_and_between_compare_the_request_time()
    {
        await using var backend = await Backend.StartAsync();
        await using var gateway = await GatewayHost.StartAsync(Routes.Json(
            Routes.Route("past", backend.Address, ["After=2017-01-20T17:42:47.789-07:00[America/Denver]", "Path=/after"]),
            Routes.Route("future", backend.Address, ["Before=2017-01-20T17:42:47.789-07:00[America/Denver]", "Path=/before"]),
            Routes.Route("window", backend.Address, ["Between=2017-01-20T17:42:47.789-07:00[America/Denver], 4102444800000", "Path=/between"])));

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(gateway, "after"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(gateway, "before"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(gateway, "between"));
    }

    [Fact]
    public async Task RemoteAddr_uses_the_peer_unless_it_is_a_trusted_proxy()
    {
        await using var backend = await Backend.StartAsync();
        var routes = Routes.Json(Routes.Route("office", backend.Address, ["RemoteAddr=10.1.0.0/16", "Path=/office"]),
                                 Routes.Route("local", backend.Address, ["RemoteAddr=127.0.0.1", "Path=/local"]));
        await using (var untrusting = await GatewayHost.StartAsync(routes))
        {
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(untrusting, "local"));
            Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(untrusting, "office", r => r.Headers.Add("X-Forwarded-For", "10.1.2.3")));
        }

        await using var trusting = await GatewayHost.StartAsync(routes, new Dictionary<string, string?> { ["Stratus:Gateway:TrustedProxies:0"] = "127.0.0.1/32" });
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(trusting, "office", r => r.Headers.Add("X-Forwarded-For", "10.1.2.3")));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(trusting, "office", r => r.Headers.Add("X-Forwarded-For", "10.1.2.3, 192.168.9.9")));
    }

    [Fact]
    public async Task Weight_groups_share_traffic_by_weight()
    {
        await using var heavy = await Backend.StartAsync("heavy");
        await using var light = await Backend.StartAsync("light");
        await using var gateway = await GatewayHost.StartAsync(Routes.Json(
            Routes.Route("heavy", heavy.Address, ["Path=/w", "Weight=group1, 8"]),
            Routes.Route("light", light.Address, ["Path=/w", "Weight=group1, 2"])));

        for (var i = 0; i < 400; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(gateway, "w"));
        }

        // 80/20 expected; 400 draws keep the light share within 10-30 % with overwhelming probability.
        Assert.Equal(400, heavy.Requests + light.Requests);
        Assert.InRange(light.Requests, 40, 120);
    }

    internal static async Task<HttpStatusCode> StatusAsync(GatewayHost gateway, string path, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        configure?.Invoke(request);
        using var response = await gateway.Client.SendAsync(request, Ct);
        return response.StatusCode;
    }
}
