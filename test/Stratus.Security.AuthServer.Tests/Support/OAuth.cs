using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Stratus.Security.AuthServer.Tests.Support;

/// <summary>What a client does on the wire: form posts to the token endpoint, JWT checks against the JWKS, the browser's part of the code flow.</summary>
public static partial class OAuth
{
    public static async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> PostFormAsync(
        HttpClient client, string path, IDictionary<string, string> form, (string Id, string Secret)? basic = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        if (basic is { } credentials)
        {
            var raw = Uri.EscapeDataString(credentials.Id) + ":" + Uri.EscapeDataString(credentials.Secret);
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(raw)));
        }

        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var body = text.Length > 0 && text.TrimStart().StartsWith('{') ? JsonDocument.Parse(text).RootElement.Clone() : default;
        return (response.StatusCode, body, response);
    }

    public static Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> ClientCredentialsAsync(
        HttpClient client, string clientId, string secret, string? scope = null)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials" };
        if (scope is not null)
        {
            form["scope"] = scope;
        }

        return PostFormAsync(client, "connect/token", form, (clientId, secret));
    }

    public static async Task<string> AccessTokenAsync(HttpClient client, string scope = "orders.read")
    {
        var (status, body, _) = await ClientCredentialsAsync(client, AuthServerHost.ClientId, AuthServerHost.ClientSecret, scope);
        Assert.Equal(HttpStatusCode.OK, status);
        return body.GetProperty("access_token").GetString()!;
    }

    public static async Task<JsonWebKeySet> JwksAsync(HttpClient client) =>
        new(await client.GetStringAsync(".well-known/jwks", TestContext.Current.CancellationToken));

    /// <summary>Validates an access token as a resource server would: signature by the JWKS, issuer, audience, lifetime, type.</summary>
    public static async Task<TokenValidationResult> ValidateAsync(string token, JsonWebKeySet jwks, string issuer, string audience) =>
        await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = issuer,
            ValidAudience = audience,
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidTypes = ["at+jwt"],
            ClockSkew = TimeSpan.FromSeconds(60),
        });

    public static (string Verifier, string Challenge) NewPkce()
    {
        var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        return (verifier, Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
    }

    /// <summary>A browser: cookies kept, redirects followed.</summary>
    public static HttpClient NewBrowser(Uri baseAddress) =>
        new(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true, MaxAutomaticRedirections = 10 })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(20),
        };

    public static string AuthorizeUrl(string clientId, string redirectUri, string scope, string? challenge, string state = "s-123") =>
        "connect/authorize?response_type=code&client_id=" + Uri.EscapeDataString(clientId)
        + "&redirect_uri=" + Uri.EscapeDataString(redirectUri)
        + "&scope=" + Uri.EscapeDataString(scope)
        + "&state=" + state
        + (challenge is null ? "" : "&code_challenge=" + challenge + "&code_challenge_method=S256");

    /// <summary>Submits the login page the browser is on, with the antiforgery token and return URL read from its HTML.</summary>
    public static async Task<HttpResponseMessage> SubmitLoginAsync(HttpClient browser, string loginHtml, string username, string password)
    {
        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Hidden(loginHtml, "__RequestVerificationToken"),
            ["ReturnUrl"] = Hidden(loginHtml, "ReturnUrl"),
            ["username"] = username,
            ["password"] = password,
        };
        return await browser.PostAsync("login", new FormUrlEncodedContent(form), TestContext.Current.CancellationToken);
    }

    /// <summary>Runs the browser part of the code flow: authorize, log in, follow the redirects to the client's callback; returns the code.</summary>
    public static async Task<string> SignInForCodeAsync(HttpClient browser, string clientId, string redirectUri, string scope, string? challenge)
    {
        var login = await browser.GetAsync(AuthorizeUrl(clientId, redirectUri, scope, challenge), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal("/login", login.RequestMessage!.RequestUri!.AbsolutePath);
        var html = await login.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var callback = await SubmitLoginAsync(browser, html, AuthServerHost.Username, AuthServerHost.Password);
        Assert.Equal(HttpStatusCode.OK, callback.StatusCode);
        var landed = callback.RequestMessage!.RequestUri!;
        Assert.StartsWith(redirectUri, landed.AbsoluteUri, StringComparison.Ordinal);
        var query = System.Web.HttpUtility.ParseQueryString(landed.Query);
        Assert.Equal("s-123", query["state"]);
        return query["code"] ?? throw new InvalidOperationException("no code in " + landed);
    }

    public static string Hidden(string html, string name)
    {
        var match = Regex.Match(html, "name=\"" + Regex.Escape(name) + "\" value=\"(?<v>[^\"]*)\"");
        Assert.True(match.Success, $"no hidden field {name} in the login page");
        return WebUtility.HtmlDecode(match.Groups["v"].Value);
    }

    public static JsonWebToken Read(string token) => new(token);
}
