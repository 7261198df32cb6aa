using System.Net;
using Stratus.Gateway.Tests.Support;

namespace Stratus.Gateway.Tests;

/// <summary>PROTOCOLS.md's gateway attack classes: smuggling shapes, oversized parts, path tricks against routing.</summary>
public sealed class HostileInputTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, int> Smuggling => new()
    {
        { "POST /api/x HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nContent-Length: 5\r\n\r\nabcd", 400 },
        { "GET /api/x HTTP/1.1\r\nHost: a\r\nX-Folded: one\r\n two\r\n\r\n", 400 },
        { "GET /api/x HTTP/1.1\r\nHost: a\r\nX-Bad: a\0b\r\n\r\n", 400 },
        { "GET /api/x HTTP/1.1\r\nHost: a\r\nX-Bad: a\rb\r\n\r\n", 400 },
        { "GET /api/x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n", 400 },
    };

    [Theory]
    [MemberData(nameof(Smuggling))]
    public async Task Smuggling_shapes_are_400_before_routing_and_nothing_reaches_the_upstream(string request, int expected)
    {
        await using var backend = await Backend.StartAsync();
        await using var gateway = await GatewayHost.StartAsync(Routes.Json(Routes.Route("api", backend.Address, ["Path=/api/**"])));
        Assert.Equal(expected, await RawHttp.SendAsync(gateway.Address, request));
        Assert.Equal(0, backend.Requests);
    }

    [Fact]
    public async Task Content_length_with_transfer_encoding_is_refused_with_400_and_the_connection_closed_before_any_upstream_request()
    {
        await using var backend = await Backend.StartAsync();
        await using var gateway = await GatewayHost.StartAsync(Routes.Json(Routes.Route("api", backend.Address, ["Path=/api/**"])));

        // No Connection: close from the client: the gateway must close on its own, so nothing after this request is
        // read from the same connection (RFC 9112 6.1), and the smuggled second request never reaches the upstream.
        var request = "POST /api/x HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
                      + "GET /api/smuggled HTTP/1.1\r\nHost: a\r\n\r\n";
        var answer = await RawHttp.ExchangeAsync(gateway.Address, request, untilClose: true);

        Assert.StartsWith("HTTP/1.1 400", answer, StringComparison.Ordinal);
        Assert.Contains("Content-Length and Transfer-Encoding", answer, StringComparison.Ordinal);
        Assert.Contains("Connection: close", answer, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, CountOccurrences(answer, "HTTP/1.1 "));
        Assert.Equal(0, backend.Requests);
    }

    [Fact]
    public async Task A_chunked_request_without_a_length_is_forwarded_once_with_its_body()
    {
        await using var backend = await Backend.StartAsync();
        await using var gateway = await GatewayHost.StartAsync(Routes.Json(Routes.Route("api", backend.Address, ["Path=/api/**"])));
        var request = "POST /api/x HTTP/1.1\r\nHost: a\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n";
        var answer = await RawHttp.ExchangeAsync(gateway.Address, request, untilClose: true);
        Assert.StartsWith("HTTP/1.1 200", answer, StringComparison.Ordinal);
        Assert.Contains("\"bodyLength\":5", answer, StringComparison.Ordinal);
        Assert.Equal(1, backend.Requests);
    }

    private static int CountOccurrences(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    [Fact]
    public async Task Oversized_header_block_request_line_and_body_are_refused_before_upstream_io()
    {
        await using var backend = await Backend.StartAsync();
        await using var gateway = await GatewayHost.StartAsync(Routes.Json(Routes.Route("api", backend.Address, ["Path=/api/**"], ["RequestSize=64KB"])));

        var bigHeader = $"GET /api/x HTTP/1.1\r\nHost: a\r\nX-Big: {new string('a', 40_000)}\r\n\r\n";
        Assert.Equal(431, await RawHttp.SendAsync(gateway.Address, bigHeader));
        var longTarget = $"GET /api/{new string('b', 10_000)} HTTP/1.1\r\nHost: a\r\n\r\n";
        Assert.Equal(414, await RawHttp.SendAsync(gateway.Address, longTarget));
        using var bigBody = await gateway.Client.PostAsync(new Uri("api/upload", UriKind.Relative), new ByteArrayContent(new byte[200_000]), Ct);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, bigBody.StatusCode);
        Assert.Equal(0, backend.Requests);
    }

    [Theory]
    [InlineData("/public/..%2fadmin/users", 400)]
    [InlineData("/public/..%2Fadmin/users", 400)]
    [InlineData("/public/%2e%2e/admin/users", 0)]
    [InlineData("/public/..%5cadmin/users", 400)]
    [InlineData("/public/%252e%252e%252fadmin", 400)]
    public async Task Encoded_traversal_never_reaches_the_admin_upstream_through_the_public_route(string target, int expectedPublicStatus)
    {
        await using var publicSite = await Backend.StartAsync("public");
        await using var admin = await Backend.StartAsync("admin");
        await using var gateway = await GatewayHost.StartAsync(Routes.Json(
            Routes.Route("admin", admin.Address, ["Path=/admin/**"], ["SetStatus=403"]),
            Routes.Route("public", publicSite.Address, ["Path=/public/**"])));

        var status = await RawHttp.SendAsync(gateway.Address, $"GET {target} HTTP/1.1\r\nHost: a\r\n\r\n");
        if (expectedPublicStatus == 0)
        {
            // Kestrel decodes %2e%2e and removes the dot segment: the request is /admin/users and the admin route takes it.
            Assert.Equal(403, status);
            Assert.Equal(0, publicSite.Requests);
        }
        else
        {
            Assert.Equal(expectedPublicStatus, status);
            Assert.Equal(0, publicSite.Requests);
        }
    }

    [Fact]
    public async Task Double_slashes_matrix_parameters_and_case_are_judged_on_the_path_that_is_forwarded()
    {
        await using var publicSite = await Backend.StartAsync("public");
        await using var admin = await Backend.StartAsync("admin");
        await using var gateway = await GatewayHost.StartAsync(Routes.Json(
            Routes.Route("admin", admin.Address, ["Path=/admin/**"]),
            Routes.Route("public", publicSite.Address, ["Path=/**"], order: 10)));

        var slashes = await RoutingTests.GetEchoAsync(gateway, "/admin//users");
        Assert.Equal(("admin", "/admin/users"), (slashes.Backend, slashes.Target));
        var matrix = await RoutingTests.GetEchoAsync(gateway, "/admin;x=y/users");
        Assert.Equal(("admin", "/admin;x=y/users"), (matrix.Backend, matrix.Target));
        var upper = await RoutingTests.GetEchoAsync(gateway, "/ADMIN/users");
        Assert.Equal(("public", "/ADMIN/users"), (upper.Backend, upper.Target));
    }

    [Fact]
    public async Task A_slow_client_sending_its_body_is_cut_off_and_the_gateway_keeps_serving()
    {
        await using var backend = await Backend.StartAsync();
        await using var gateway = await GatewayHost.StartAsync(Routes.Json(Routes.Route("api", backend.Address, ["Path=/api/**"])));
        using var slow = new System.Net.Sockets.TcpClient();
        await slow.ConnectAsync(gateway.Address.Host, gateway.Address.Port, Ct);
        await slow.GetStream().WriteAsync("POST /api/x HTTP/1.1\r\nHost: a\r\nContent-Length: 1000000\r\n\r\nabc"u8.ToArray(), Ct);
        Assert.Equal(HttpStatusCode.OK, await PredicateTests.StatusAsync(gateway, "api/y"));
    }
}
