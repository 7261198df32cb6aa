using System.Net;
using Stratus.Gateway.Tests.Support;

namespace Stratus.Gateway.Tests;

public sealed class FilterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Header_and_parameter_filters_shape_the_upstream_request_and_the_response()
    {
        await using var backend = await Backend.StartAsync();
        await using var gateway = await GatewayHost.StartAsync(Routes.Json(Routes.Route("h", backend.Address, ["Path=/h/{seg}"],
        [
            "AddRequestHeader=X-Added, a-{seg}", "SetRequestHeader=X-Set, fixed", "RemoveRequestHeader=X-Secret",
            "AddRequestParameter=red, blue", "AddResponseHeader=X-Resp, r", "SetResponseHeader=X-Backend, masked",
            "RemoveResponseHeader=X-Upstream-Secret", "AddRequestHeader=X-Literal, #{T(java.lang.Runtime).getRuntime()} ${HOME}",
        ])));

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("h/one?x=1", UriKind.Relative));
        request.Headers.Add("X-Set", "client");
        request.Headers.Add("X-Secret", "hide-me");
        using var response = await gateway.Client.SendAsync(request, Ct);
        var echo = await Echo.ReadAsync(response);
        Assert.Equal("a-one", echo.Header("X-Added"));
        Assert.Equal("fixed", echo.Header("X-Set"));
        Assert.Null(echo.Header("X-Secret"));
        Assert.Equal("?x=1&red=blue", echo.Query);
        Assert.Equal("#{T(java.lang.Runtime).getRuntime()} ${HOME}", echo.Header("X-Literal"));
        Assert.Equal("r", response.Headers.GetValues("X-Resp").Single());
        Assert.Equal("masked", response.Headers.GetValues("X-Backend").Single());
        Assert.False(response.Headers.Contains("X-Upstream-Secret"));
    }

    [Fact]
    public async Task RedirectTo_and_SetStatus_answer_as_Spring_does()
    {
        await using var backend = await Backend.StartAsync();
        await using var gateway = await GatewayHost.StartAsync(Routes.Json(
            Routes.Route("redirect", backend.Address, ["Path=/old/**"], ["RedirectTo=302, https://acme.org/new"]),
            Routes.Route("status", backend.Address, ["Path=/teapot"], ["SetStatus=UNAUTHORIZED"]),
            Routes.Route("numeric", backend.Address, ["Path=/num"], ["SetStatus=418"])));

        using var redirect = await gateway.Client.GetAsync(new Uri("old/page", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
        Assert.Equal("https://acme.org/new", redirect.Headers.Location!.ToString());
        Assert.Equal(0, backend.Requests);

        using var status = await gateway.Client.GetAsync(new Uri("teapot", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, status.StatusCode);
        Assert.Equal("backend", (await Echo.ReadAsync(status)).Backend);
        using var numeric = await gateway.Client.GetAsync(new Uri("num", UriKind.Relative), Ct);
        Assert.Equal(418, (int)numeric.StatusCode);
    }

    [Fact]
    public async Task PreserveHostHeader_keeps_the_client_host_and_otherwise_the_upstream_host_is_used()
    {
        await using var backend = await Backend.StartAsync();
        await using var gateway = await GatewayHost.StartAsync(Routes.Json(
            Routes.Route("keep", backend.Address, ["Path=/keep"], ["PreserveHostHeader"]),
            Routes.Route("plain", backend.Address, ["Path=/plain"])));
        Assert.Equal("shop.example.com", (await RoutingTests.GetEchoAsync(gateway, "keep", r => r.Headers.Host = "shop.example.com")).Host);
        Assert.Equal($"127.0.0.1:{backend.Port}", (await RoutingTests.GetEchoAsync(gateway, "plain", r => r.Headers.Host = "shop.example.com")).Host);
    }

    [Fact]
    public async Task RequestSize_answers_413_before_any_upstream_io()
    {
        await using var backend = await Backend.StartAsync();
        await using var gateway = await GatewayHost.StartAsync(Routes.Json(Routes.Route("upload", backend.Address, ["Path=/upload"], ["RequestSize=1KB"])));
        using var small = await gateway.Client.PostAsync(new Uri("upload", UriKind.Relative), new ByteArrayContent(new byte[1000]), Ct);
        Assert.Equal(1000, (await Echo.ReadAsync(small)).BodyLength);

        using var large = await gateway.Client.PostAsync(new Uri("upload", UriKind.Relative), new ByteArrayContent(new byte[5000]), Ct);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
        Assert.Contains("permissible limit", large.Headers.GetValues("errorMessage").Single(), StringComparison.Ordinal);
        Assert.Equal(1, backend.Requests);
    }

    [Fact]
    public async Task SecureHeaders_adds_Spring_s_defaults_except_the_disabled_ones()
    {
        await using var backend = await Backend.StartAsync();
        var route = new
        {
            Id = "secure",
            Uri = backend.Address.GetLeftPart(UriPartial.Authority),
            Predicates = new[] { "Path=/s" },
            Filters = new object[] { new { Name = "SecureHeaders", Args = new { disable = "x-frame-options" } } },
        };
        await using var gateway = await GatewayHost.StartAsync(Routes.Json(route));
        using var response = await gateway.Client.GetAsync(new Uri("s", UriKind.Relative), Ct);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("max-age=631138519", response.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.False(response.Headers.Contains("X-Frame-Options"));
    }
}
