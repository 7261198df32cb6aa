using System.Net;
using System.Text.Json;
using Stratus.Security.AuthServer.Tests.Support;

namespace Stratus.Security.AuthServer.Tests.Endpoints;

public sealed class CodeFlowTests(SharedServer shared)
{
    private const string Scope = "openid profile roles orders.read offline_access";

    private Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> RedeemAsync(string code, string? verifier, string clientId = AuthServerHost.WebClientId)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = shared.RedirectUri,
            ["client_id"] = clientId,
        };
        if (verifier is not null)
        {
            form["code_verifier"] = verifier;
        }

        return OAuth.PostFormAsync(shared.Server.Client, "connect/token", form,
            clientId == AuthServerHost.WebClientId ? (AuthServerHost.WebClientId, AuthServerHost.WebClientSecret) : null);
    }

    [Fact]
    public async Task Code_flow_with_pkce_signs_in_through_the_login_form_and_issues_user_tokens_then_refresh_issues_new_ones()
    {
        var server = shared.Server;
        using var browser = OAuth.NewBrowser(server.BaseAddress);
        var (verifier, challenge) = OAuth.NewPkce();
        var code = await OAuth.SignInForCodeAsync(browser, AuthServerHost.WebClientId, shared.RedirectUri, Scope, challenge);

        var (status, body, _) = await RedeemAsync(code, verifier);

        Assert.Equal(HttpStatusCode.OK, status);
        var access = OAuth.Read(body.GetProperty("access_token").GetString()!);
        Assert.Equal("at+jwt", access.Typ);
        Assert.Equal(server.Issuer, access.Issuer);
        Assert.Equal(["orders-service"], access.Audiences);
        Assert.Equal(AuthServerHost.WebClientId, access.GetClaim("client_id").Value);
        Assert.Equal(AuthServerHost.Username, access.GetClaim("preferred_username").Value);
        Assert.Equal(Scope.Split(' ').Order(), access.GetClaim("scope").Value.Split(' ').Order());
        var roles = JsonDocument.Parse(access.GetPayloadValue<JsonElement>("roles").GetRawText()).RootElement;
        Assert.Equal(JsonValueKind.Array, roles.ValueKind);
        Assert.Equal(["admin", "user"], roles.EnumerateArray().Select(r => r.GetString()).Order());
        var idToken = OAuth.Read(body.GetProperty("id_token").GetString()!);
        Assert.Equal(access.Subject, idToken.Subject);
        Assert.Equal([AuthServerHost.WebClientId], idToken.Audiences);
        Assert.True((await OAuth.ValidateAsync(access.EncodedToken, await OAuth.JwksAsync(server.Client), server.Issuer, "orders-service")).IsValid);

        var refresh = body.GetProperty("refresh_token").GetString()!;
        var (refreshStatus, refreshed, _) = await OAuth.PostFormAsync(server.Client, "connect/token",
            new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refresh },
            (AuthServerHost.WebClientId, AuthServerHost.WebClientSecret));

        Assert.Equal(HttpStatusCode.OK, refreshStatus);
        var renewed = OAuth.Read(refreshed.GetProperty("access_token").GetString()!);
        Assert.NotEqual(access.Id, renewed.Id);
        Assert.Equal(access.Subject, renewed.Subject);
        Assert.Equal(access.GetClaim("scope").Value, renewed.GetClaim("scope").Value);

        // The code is single-use.
        var (replayStatus, replay, _) = await RedeemAsync(code, verifier);
        Assert.Equal(HttpStatusCode.BadRequest, replayStatus);
        Assert.Equal("invalid_grant", replay.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData(null, "invalid_request")]
    [InlineData("wrong-verifier-wrong-verifier-wrong-verifier-0123", "invalid_grant")]
    public async Task Missing_or_wrong_code_verifier_is_refused(string? verifier, string error)
    {
        using var browser = OAuth.NewBrowser(shared.Server.BaseAddress);
        var (_, challenge) = OAuth.NewPkce();
        var code = await OAuth.SignInForCodeAsync(browser, AuthServerHost.WebClientId, shared.RedirectUri, Scope, challenge);

        var (status, body, _) = await RedeemAsync(code, verifier);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(error, body.GetProperty("error").GetString());

        // A failed redemption burns the code: the right verifier cannot use it afterwards either.
        var (_, again, _) = await RedeemAsync(code, "still-wrong-but-irrelevant-verifier-0123456789");
        Assert.Equal("invalid_grant", again.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Public_client_without_a_pkce_challenge_is_refused_before_the_login_page()
    {
        using var browser = OAuth.NewBrowser(shared.Server.BaseAddress);

        var response = await browser.GetAsync(OAuth.AuthorizeUrl(AuthServerHost.PublicClientId, shared.RedirectUri, "openid orders.read", challenge: null),
            TestContext.Current.CancellationToken);

        // OpenIddict answers on its own page rather than redirecting: the request is refused before any login.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("/connect/authorize", response.RequestMessage!.RequestUri!.AbsolutePath);
        var page = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("invalid_request", page, StringComparison.Ordinal);
        Assert.Contains("code_challenge", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Public_client_with_pkce_gets_tokens_without_a_secret()
    {
        using var browser = OAuth.NewBrowser(shared.Server.BaseAddress);
        var (verifier, challenge) = OAuth.NewPkce();
        var code = await OAuth.SignInForCodeAsync(browser, AuthServerHost.PublicClientId, shared.RedirectUri, "openid orders.read", challenge);

        var (status, body, _) = await RedeemAsync(code, verifier, AuthServerHost.PublicClientId);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(AuthServerHost.PublicClientId, OAuth.Read(body.GetProperty("access_token").GetString()!).GetClaim("client_id").Value);
    }

    [Theory]
    [InlineData("http://evil.example/callback")]
    [InlineData("{0}/../other")]
    public async Task Unregistered_redirect_uri_gets_an_error_page_and_no_redirect(string redirect)
    {
        using var browser = OAuth.NewBrowser(shared.Server.BaseAddress);
        var (_, challenge) = OAuth.NewPkce();

        var response = await browser.GetAsync(OAuth.AuthorizeUrl(AuthServerHost.WebClientId, string.Format(System.Globalization.CultureInfo.InvariantCulture, redirect, shared.RedirectUri), "openid", challenge),
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(shared.Server.BaseAddress.Authority, response.RequestMessage!.RequestUri!.Authority);
    }
}
