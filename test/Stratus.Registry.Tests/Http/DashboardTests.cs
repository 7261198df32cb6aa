using System.Net;

namespace Stratus.Registry.Tests.Http;

public sealed class DashboardTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Dashboard_lists_instances_and_encodes_every_value()
    {
        await using var server = await RegistryServer.StartAsync(new Dictionary<string, string?>
        {
            ["Stratus:Registry:PeerUrls"] = "http://admin:hunter2@peer-b:8761/eureka/",
            ["Stratus:Registry:PeerSyncTimeout"] = "00:00:00",
        });
        (await server.RegisterAsync("CUSTOMERS", "c1")).Dispose();
        (await server.RegisterAsync("EVIL", "x", RegistryServer.Registration("EVIL", "<script>alert(1)</script>"))).Dispose();
        (await server.Client.PutAsync("eureka/apps/CUSTOMERS/c1/status?value=OUT_OF_SERVICE", null, Ct)).Dispose();

        using var response = await server.Client.GetAsync("/", Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<td>c1</td>", html, StringComparison.Ordinal);
        Assert.Contains("OUT_OF_SERVICE (override OUT_OF_SERVICE)", html, StringComparison.Ordinal);
        Assert.Contains("host1:8080", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("peer-b:8761", html, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", html, StringComparison.Ordinal);
        Assert.Contains("Self-preservation", html, StringComparison.Ordinal);
    }
}
