using System.Net;
using Stratus.Gateway.Tests.Support;

namespace Stratus.Gateway.Tests;

public sealed class ForwardingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Forwarding_headers_from_an_untrusted_client_are_replaced()
    {
        await using var backend = await Backend.StartAsync();
        await using var gateway = await GatewayHost.StartAsync(Routes.Json(Routes.Route("api", backend.Address, ["Path=/api/**"], ["StripPrefix=1"])));
        var echo = await RoutingTests.GetEchoAsync(gateway, "api/x", r =>
        {
            r.Headers.Add("X-Forwarded-For", "6.6.6.6");
            r.Headers.Add("X-Forwarded-Host", "evil.example");
            r.Headers.Add("X-Forwarded-Proto", "https");
            r.Headers.Add("Forwarded", "for=6.6.6.6;proto=https");
            r.Headers.Host = "shop.example.com";
        });

        Assert.Equal("127.0.0.1", echo.Header("X-Forwarded-For"));
        Assert.Equal("shop.example.com", echo.Header("X-Forwarded-Host"));
        Assert.Equal("http", echo.Header("X-Forwarded-Proto"));
        Assert.Equal("/api", echo.Header("X-Forwarded-Prefix"));
        Assert.Equal("for=127.0.0.1;proto=http;host=\"shop.example.com\"", echo.Header("Forwarded"));
    }

    [Fact]
    public async Task A_trusted_proxy_s_chain_is_extended()
    {
        await using var backend = await Backend.StartAsync();
        await using var gateway = await GatewayHost.StartAsync(
            Routes.Json(Routes.Route("api", backend.Address, ["Path=/**"])),
            new Dictionary<string, string?> { ["Stratus:Gateway:TrustedProxies:0"] = "127.0.0.0/8" });
        var echo = await RoutingTests.GetEchoAsync(gateway, "x", r =>
        {
            r.Headers.Add("X-Forwarded-For", "203.0.113.7");
            r.Headers.Add("X-Forwarded-Proto", "https");
            r.Headers.Add("X-Forwarded-Host", "public.example");
        });

        Assert.Equal("203.0.113.7, 127.0.0.1", echo.Header("X-Forwarded-For"));
        Assert.Equal("https", echo.Header("X-Forwarded-Proto"));
        Assert.Equal("public.example", echo.Header("X-Forwarded-Host"));
    }

    [Fact]
    public async Task Hop_by_hop_headers_and_the_ones_named_in_Connection_are_not_forwarded()
    {
        await using var backend = await Backend.StartAsync();
        await using var gateway = await GatewayHost.StartAsync(Routes.Json(Routes.Route("api", backend.Address, ["Path=/**"])));
        var echo = await RoutingTests.GetEchoAsync(gateway, "x", r =>
        {
            r.Headers.Connection.Add("X-Hop");
            r.Headers.Add("X-Hop", "drop me");
            r.Headers.Add("Keep-Alive", "timeout=5");
            r.Headers.Add("Proxy-Authorization", "Basic Zm9vOmJhcg==");
            r.Headers.Add("X-Kept", "kept");
        });

        Assert.Null(echo.Header("X-Hop"));
        Assert.Null(echo.Header("Keep-Alive"));
        Assert.Null(echo.Header("Proxy-Authorization"));
        Assert.Equal("kept", echo.Header("X-Kept"));
    }

    [Fact]
    public async Task Slow_upstream_is_504_unreachable_is_502()
    {
        await using var backend = await Backend.StartAsync();
        var closed = new Uri($"http://127.0.0.1:{FreePort()}");
        await using var gateway = await GatewayHost.StartAsync(Routes.Json(
            Routes.Route("slow", backend.Address, ["Path=/slow"], metadata: new() { ["response-timeout"] = "200" }),
            Routes.Route("down", closed, ["Path=/down"])));

        using var slow = await gateway.Client.GetAsync(new Uri("slow?delayMs=3000", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.GatewayTimeout, slow.StatusCode);
        Assert.Contains("did not answer in time", await slow.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        using var fast = await gateway.Client.GetAsync(new Uri("slow?delayMs=10", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, fast.StatusCode);
        using var down = await gateway.Client.GetAsync(new Uri("down", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.BadGateway, down.StatusCode);
    }

    internal static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
