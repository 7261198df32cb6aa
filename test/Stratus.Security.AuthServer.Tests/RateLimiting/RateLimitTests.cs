using System.Net;
using Stratus.Security.AuthServer.RateLimiting;
using Stratus.Security.AuthServer.Tests.Support;

namespace Stratus.Security.AuthServer.Tests.RateLimiting;

public sealed class RateLimitTests
{
    [Fact]
    public async Task Token_requests_over_the_limit_get_429_with_retry_after_before_the_secret_is_checked_and_the_login_form_has_its_own_limit()
    {
        var settings = AuthServerHost.TestSettings("http://127.0.0.1:1/cb");
        settings["Stratus:AuthServer:RateLimits:TokenPermitLimit"] = "3";
        settings["Stratus:AuthServer:RateLimits:LoginPermitLimit"] = "2";
        settings["Stratus:AuthServer:RateLimits:Window"] = "00:10:00";
        await using var server = await AuthServerHost.StartAsync(AuthServerHost.NewDataFolder(), settings);

        for (var i = 0; i < 3; i++)
        {
            var (status, _, _) = await OAuth.ClientCredentialsAsync(server.Client, AuthServerHost.ClientId, "guess-" + i, "orders.read");
            Assert.Equal(HttpStatusCode.Unauthorized, status);
        }

        var (limited, body, response) = await OAuth.ClientCredentialsAsync(server.Client, AuthServerHost.ClientId, AuthServerHost.ClientSecret, "orders.read");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited);
        Assert.Equal("too_many_requests", body.GetProperty("error").GetString());
        Assert.InRange(response.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));

        // Another client id from the same address has its own window; introspection shares the token endpoint's.
        var (other, _, _) = await OAuth.ClientCredentialsAsync(server.Client, AuthServerHost.ResourceClientId, AuthServerHost.ResourceClientSecret);
        Assert.Equal(HttpStatusCode.OK, other);
        var (introspect, _, _) = await OAuth.PostFormAsync(server.Client, "connect/introspect", new Dictionary<string, string> { ["token"] = "x" },
            (AuthServerHost.ClientId, AuthServerHost.ClientSecret));
        Assert.Equal(HttpStatusCode.TooManyRequests, introspect);

        // Discovery is never limited.
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync(".well-known/openid-configuration", TestContext.Current.CancellationToken)).StatusCode);

        using var browser = OAuth.NewBrowser(server.BaseAddress);
        var html = await browser.GetStringAsync("login", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, (await OAuth.SubmitLoginAsync(browser, html, AuthServerHost.Username, "wrong-1")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await OAuth.SubmitLoginAsync(browser, html, AuthServerHost.Username, "wrong-2")).StatusCode);
        var login = await OAuth.SubmitLoginAsync(browser, html, AuthServerHost.Username, AuthServerHost.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, login.StatusCode);
        Assert.NotNull(login.Headers.RetryAfter);
    }

    [Theory]
    [InlineData("Basic b3JkZXJzOnNlY3JldA==", "orders")]
    [InlineData("basic b3JkZXJzOnNlY3JldA==", "orders")]
    [InlineData("Basic bXklMjBjbGllbnQ6eA==", "my client")]
    [InlineData("Basic not-base64!!", "")]
    [InlineData("Basic bm9jb2xvbg==", "")]
    [InlineData("Bearer abc", "")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Client_id_of_a_basic_header_is_read_leniently(string? header, string expected) =>
        Assert.Equal(expected, BruteForceLimitPolicy.BasicClientId(header));
}
