using System.Net;
using Stratus.Security.AuthServer.Tests.Support;

namespace Stratus.Security.AuthServer.Tests.Endpoints;

public sealed class LoginPageTests(SharedServer shared)
{
    private async Task<(HttpClient Browser, string Html)> OpenLoginAsync(bool followRedirects = true)
    {
        var browser = followRedirects
            ? OAuth.NewBrowser(shared.Server.BaseAddress)
            : new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = shared.Server.BaseAddress };
        var html = await browser.GetStringAsync("login?ReturnUrl=%2Fconnect%2Fauthorize", TestContext.Current.CancellationToken);
        return (browser, html);
    }

    [Fact]
    public async Task Login_page_is_a_plain_form_with_an_antiforgery_token_and_no_script()
    {
        var (browser, html) = await OpenLoginAsync();
        using var _ = browser;

        Assert.Contains("<form method=\"post\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.False(string.IsNullOrEmpty(OAuth.Hidden(html, "__RequestVerificationToken")));
        Assert.Equal("/connect/authorize", OAuth.Hidden(html, "ReturnUrl"));
    }

    [Fact]
    public async Task Wrong_password_shows_the_form_again_with_401_and_logs_the_user_name_but_never_the_password()
    {
        var (browser, html) = await OpenLoginAsync();
        using var _ = browser;
        const string wrong = "Wr0ng-Pa55word-that-must-not-be-logged";

        var response = await OAuth.SubmitLoginAsync(browser, html, AuthServerHost.Username, wrong);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Invalid user name or password.", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Contains(shared.Server.Logs.Lines, l => l.Id.Id == 3020 && l.Text.Contains(AuthServerHost.Username, StringComparison.Ordinal));
        Assert.DoesNotContain(wrong, shared.Server.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_post_without_the_antiforgery_token_is_refused()
    {
        var (browser, _) = await OpenLoginAsync();
        using var __ = browser;

        var response = await browser.PostAsync("login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["ReturnUrl"] = "/",
            ["username"] = AuthServerHost.Username,
            ["password"] = AuthServerHost.Password,
        }), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("antiforgery", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("javascript:alert(1)")]
    [InlineData("")]
    public async Task Return_url_off_this_server_is_replaced_by_the_root(string returnUrl)
    {
        var (browser, html) = await OpenLoginAsync(followRedirects: false);
        using var _ = browser;
        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = OAuth.Hidden(html, "__RequestVerificationToken"),
            ["ReturnUrl"] = returnUrl,
            ["username"] = AuthServerHost.Username,
            ["password"] = AuthServerHost.Password,
        };

        var response = await browser.PostAsync("login", new FormUrlEncodedContent(form), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Tokens_secrets_and_passwords_of_a_whole_session_never_reach_the_logs()
    {
        var server = shared.Server;
        using var browser = OAuth.NewBrowser(server.BaseAddress);
        var (verifier, challenge) = OAuth.NewPkce();
        var code = await OAuth.SignInForCodeAsync(browser, AuthServerHost.WebClientId, shared.RedirectUri, "openid orders.read offline_access", challenge);
        var (_, tokens, _) = await OAuth.PostFormAsync(server.Client, "connect/token", new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = shared.RedirectUri,
            ["code_verifier"] = verifier,
        }, (AuthServerHost.WebClientId, AuthServerHost.WebClientSecret));
        var clientToken = await OAuth.AccessTokenAsync(server.Client);

        var logs = server.Logs.AllText;
        Assert.NotEmpty(server.Logs.Lines);
        foreach (var secret in new[]
                 {
                     // Not the PKCE verifier: OpenIddict logs it with the token request, and it is worthless without the
                     // code, which it redacts.
                     code, clientToken, tokens.GetProperty("access_token").GetString()!, tokens.GetProperty("refresh_token").GetString()!,
                     tokens.GetProperty("id_token").GetString()!, AuthServerHost.Password, AuthServerHost.ClientSecret, AuthServerHost.WebClientSecret,
                 })
        {
            Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
        }
    }
}
