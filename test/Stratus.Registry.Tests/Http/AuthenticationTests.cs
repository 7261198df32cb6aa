using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Stratus.Registry.Tests.Http;

public sealed class AuthenticationTests : IAsyncLifetime
{
    private RegistryServer _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _server = await RegistryServer.StartAsync(new Dictionary<string, string?>
    {
        ["Stratus:Registry:Username"] = "eureka",
        ["Stratus:Registry:Password"] = "s3cret",
        ["Stratus:Registry:BearerToken"] = "token-123",
    });

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [Theory]
    [InlineData(null)]
    [InlineData("Basic ZXVyZWthOndyb25n")]
    [InlineData("Bearer token-124")]
    [InlineData("Digest abc")]
    public async Task Writes_without_valid_credentials_get_401_and_change_nothing(string? authorization)
    {
        var before = await _server.GetAppsJsonAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "eureka/apps/CUSTOMERS")
        {
            Content = new StringContent(RegistryServer.Registration("CUSTOMERS", "c1"), Encoding.UTF8, "application/json"),
        };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await _server.Client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(before, await _server.GetAppsJsonAsync());
    }

    [Theory]
    [InlineData("Basic", "eureka:s3cret")]
    [InlineData("Bearer", "token-123")]
    public async Task Writes_with_basic_or_bearer_credentials_succeed_and_reads_stay_open(string scheme, string secret)
    {
        var parameter = scheme == "Basic" ? Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)) : secret;
        using var request = new HttpRequestMessage(HttpMethod.Post, "eureka/apps/CUSTOMERS")
        {
            Content = new StringContent(RegistryServer.Registration("CUSTOMERS", "c1"), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue(scheme, parameter);

        using var response = await _server.Client.SendAsync(request, Ct);
        using var renewWithout = await _server.Client.PutAsync("eureka/apps/CUSTOMERS/c1", null, Ct);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, renewWithout.StatusCode);
        Assert.Contains("\"instanceId\":\"c1\"", await _server.GetAppsJsonAsync(), StringComparison.Ordinal);
    }
}
