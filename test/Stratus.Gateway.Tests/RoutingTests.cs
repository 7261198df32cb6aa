using System.Net;
using Stratus.Gateway.Tests.Support;

namespace Stratus.Gateway.Tests;

/// <summary>Requests reach real Kestrel upstreams by Spring Cloud Gateway's rules, through the real gateway.</summary>
public sealed class RoutingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Path_routes_strip_rewrite_set_and_prefix_the_path()
    {
        await using var backend = await Backend.StartAsync();
        await using var gateway = await GatewayHost.StartAsync(Routes.Json(
            Routes.Route("strip", backend.Address, ["Path=/org/**"], ["StripPrefix=1"]),
            Routes.Route("rewrite", backend.Address, ["Path=/red/**"], ["RewritePath=/red/?(?<segment>.*), /blue/$\\{segment}"]),
            Routes.Route("set", backend.Address, ["Path=/set/{segment}"], ["SetPath=/v2/{segment}"]),
            Routes.Route("prefix", backend.Address, ["Path=/short/**"], ["PrefixPath=/api"])));

        Assert.Equal("/v1/orgs/42", (await GetEchoAsync(gateway, "org/v1/orgs/42?x=1")).Path);
        Assert.Equal("?x=1", (await GetEchoAsync(gateway, "org/v1/orgs/42?x=1")).Query);
        Assert.Equal("/blue/a/b", (await GetEchoAsync(gateway, "red/a/b")).Path);
        Assert.Equal("/v2/abc", (await GetEchoAsync(gateway, "set/abc")).Path);
        Assert.Equal("/api/short/x", (await GetEchoAsync(gateway, "short/x")).Path);
    }

    [Fact]
    public async Task Lower_order_wins_then_the_first_configured()
    {
        await using var first = await Backend.StartAsync("first");
        await using var second = await Backend.StartAsync("second");
        await using var third = await Backend.StartAsync("third");
        await using var gateway = await GatewayHost.StartAsync(Routes.Json(
            Routes.Route("broad", first.Address, ["Path=/api/**"]),
            Routes.Route("also-broad", second.Address, ["Path=/api/**"]),
            Routes.Route("specific", third.Address, ["Path=/api/special/**"], order: -1)));

        Assert.Equal("third", (await GetEchoAsync(gateway, "api/special/x")).Backend);
        Assert.Equal("first", (await GetEchoAsync(gateway, "api/other")).Backend);
    }

    [Fact]
    public async Task No_matching_route_is_404_in_Spring_s_error_shape()
    {
        await using var backend = await Backend.StartAsync();
        await using var gateway = await GatewayHost.StartAsync(Routes.Json(Routes.Route("a", backend.Address, ["Path=/a/**"])));
        using var response = await gateway.Client.GetAsync(new Uri("nothing/here", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("\"status\":404", body, StringComparison.Ordinal);
        Assert.Contains("\"path\":\"/nothing/here\"", body, StringComparison.Ordinal);
        Assert.Equal(0, backend.Requests);
    }

    [Fact]
    public async Task Spring_shaped_configuration_with_expanded_predicates_and_filters_is_accepted()
    {
        await using var backend = await Backend.StartAsync();
        var spring = $$"""
            { "spring": { "cloud": { "gateway": { "server": { "webflux": {
                "default-filters": [ "AddResponseHeader=X-Default, on" ],
                "routes": [ {
                  "id": "expanded", "uri": "{{backend.Address.GetLeftPart(UriPartial.Authority)}}",
                  "predicates": [ { "name": "Path", "args": { "patterns": [ "/exp/{id}", "/other/**" ] } },
                                  { "name": "Method", "args": { "methods": [ "GET", "POST" ] } } ],
                  "filters": [ { "name": "StripPrefix", "args": { "parts": "1" } },
                               { "name": "AddRequestHeader", "args": { "name": "X-Route", "value": "{id}" } } ]
                } ] } } } } } }
            """;
        await using var gateway = await GatewayHost.StartAsync(spring);
        using var response = await gateway.Client.GetAsync(new Uri("exp/77", UriKind.Relative), Ct);
        var echo = await Echo.ReadAsync(response);
        Assert.Equal("/77", echo.Path);
        Assert.Equal("77", echo.Header("X-Route"));
        Assert.Equal("on", response.Headers.GetValues("X-Default").Single());
        using var delete = await gateway.Client.DeleteAsync(new Uri("exp/77", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
    }

    [Fact]
    public async Task Routes_endpoint_lists_routes_in_Spring_s_shape()
    {
        await using var backend = await Backend.StartAsync();
        await using var gateway = await GatewayHost.StartAsync(Routes.Json(Routes.Route("orders", backend.Address, ["Path=/orders/**", "Method=GET"], ["StripPrefix=1"])));
        var list = await gateway.Client.GetStringAsync(new Uri("actuator/gateway/routes", UriKind.Relative), Ct);
        Assert.Contains("\"route_id\":\"orders\"", list, StringComparison.Ordinal);
        Assert.Contains("Paths: [/orders/**] \u0026\u0026 Methods: [GET]", System.Text.RegularExpressions.Regex.Unescape(list), StringComparison.Ordinal);
        using var one = await gateway.Client.GetAsync(new Uri("actuator/gateway/routes/orders", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        using var missing = await gateway.Client.GetAsync(new Uri("actuator/gateway/routes/nope", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var edit = await gateway.Client.PostAsync(new Uri("actuator/gateway/routes/new", UriKind.Relative), new StringContent("{}"), Ct);
        Assert.NotEqual(HttpStatusCode.OK, edit.StatusCode);
        Assert.Equal(0, backend.Requests);
    }

    internal static async Task<Echo> GetEchoAsync(GatewayHost gateway, string path, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        configure?.Invoke(request);
        using var response = await gateway.Client.SendAsync(request, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        return await Echo.ReadAsync(response);
    }
}
