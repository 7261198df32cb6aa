using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Stratus.IntegrationTests.Security;

/// <summary>
/// Tokens from the real <c>stratus auth-server</c> through the real gateway to two real resource-server processes, and
/// the hostile tokens that must stop at each of them. See <see cref="SecuredSystem"/> for the processes.
/// </summary>
public sealed partial class SecurityEndToEndTests(SecuredSystem system) : IClassFixture<SecuredSystem>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Client_credentials_token_is_relayed_by_the_gateway_and_between_services()
    {
        var token = await system.ClientTokenAsync();

        // Gateway validates and relays to front, front validates and relays to back (found by name), back validates
        // with keys it found through the registry.
        var relayed = await SecuredSystem.GetAsync(system.GatewayBase, "front/call?path=/secure", token);
        var direct = await SecuredSystem.GetAsync(system.GatewayBase, "front/secure", token);

        Assert.Equal((HttpStatusCode.OK, "back-1 demo-client demo-client"), (relayed.Status, relayed.Body));
        Assert.Equal((HttpStatusCode.OK, "front-1 demo-client demo-client"), (direct.Status, direct.Body));
    }

    [Fact]
    public async Task Missing_token_and_missing_scope_are_refused_at_the_gateway_and_at_each_service()
    {
        var writeOnly = await system.ClientTokenAsync("licenses.write");

        var noToken = await SecuredSystem.GetAsync(system.GatewayBase, "front/secure", null);
        var gatewayScope = await SecuredSystem.GetAsync(system.GatewayBase, "front/secure", writeOnly);
        var backNoToken = await SecuredSystem.GetAsync(system.BackBase, "secure", null);
        var backScope = await SecuredSystem.GetAsync(system.BackBase, "secure", writeOnly);
        var frontScope = await SecuredSystem.GetAsync(system.FrontBase, "secure", writeOnly);

        Assert.Equal(HttpStatusCode.Unauthorized, noToken.Status);
        Assert.StartsWith("Bearer", noToken.Challenge, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, gatewayScope.Status);
        Assert.Contains("insufficient_scope", gatewayScope.Challenge, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, backNoToken.Status);
        Assert.Equal(HttpStatusCode.Forbidden, backScope.Status);
        Assert.Contains("insufficient_scope", backScope.Challenge, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, frontScope.Status);
    }

    [Fact]
    public async Task Code_flow_with_pkce_through_a_browser_gives_a_user_token_the_whole_chain_accepts()
    {
        var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        using var browser = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true, MaxAutomaticRedirections = 10 })
        {
            BaseAddress = system.AuthBase,
            Timeout = TimeSpan.FromSeconds(20),
        };

        // authorize -> login page -> (log in) -> authorize -> the client's redirect URI (here a page behind the gateway).
        using var login = await browser.GetAsync(
            $"connect/authorize?response_type=code&client_id={SecuredSystem.WebClient}&redirect_uri={Uri.EscapeDataString(system.RedirectUri)}"
            + $"&scope={Uri.EscapeDataString("openid licenses.read")}&state=e2e-state&code_challenge={challenge}&code_challenge_method=S256", Ct);
        Assert.Equal("/login", login.RequestMessage!.RequestUri!.AbsolutePath);
        var html = await login.Content.ReadAsStringAsync(Ct);
        using var landed = await browser.PostAsync("login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Hidden(html, "__RequestVerificationToken"),
            ["ReturnUrl"] = Hidden(html, "ReturnUrl"),
            ["username"] = "demo",
            ["password"] = "demo",
        }), Ct);
        var callback = landed.RequestMessage!.RequestUri!;
        var query = System.Web.HttpUtility.ParseQueryString(callback.Query);
        Assert.Equal((HttpStatusCode.OK, "front-1"), (landed.StatusCode, await landed.Content.ReadAsStringAsync(Ct)));
        Assert.StartsWith(system.RedirectUri, callback.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal("e2e-state", query["state"]);

        using var exchange = await browser.PostAsync("connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = query["code"]!,
            ["redirect_uri"] = system.RedirectUri,
            ["client_id"] = SecuredSystem.WebClient,
            ["code_verifier"] = verifier,
        }), Ct);
        var tokenBody = await exchange.Content.ReadAsStringAsync(Ct);
        Assert.True(exchange.StatusCode == HttpStatusCode.OK, tokenBody);
        var token = System.Text.Json.JsonDocument.Parse(tokenBody).RootElement.GetProperty("access_token").GetString()!;
        var subject = SecuredSystem.Part(token, 1).GetProperty("sub").GetString()!;

        var relayed = await SecuredSystem.GetAsync(system.GatewayBase, "front/call?path=/secure", token);

        Assert.Equal((HttpStatusCode.OK, $"back-1 {subject} {SecuredSystem.WebClient}"), (relayed.Status, relayed.Body));
        Assert.NotEqual("demo", subject);
    }

    [Fact]
    public async Task Hostile_tokens_get_401_with_a_reason_at_the_gateway_and_the_services_and_are_never_logged()
    {
        var real = await system.ClientTokenAsync();
        var header = SecuredSystem.Part(real, 0);
        var kid = header.GetProperty("kid").GetString()!;
        var claims = SecuredSystem.Part(real, 1);
        var payload = new Dictionary<string, object>
        {
            ["iss"] = claims.GetProperty("iss").GetString()!,
            ["aud"] = SecuredSystem.Audience,
            ["sub"] = "mallory",
            ["client_id"] = "demo-client",
            ["scope"] = "licenses.read",
            ["exp"] = TimeProvider.System.GetUtcNow().AddMinutes(5).ToUnixTimeSeconds(),
            ["iat"] = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds(),
        };
        using var attackerKey = RSA.Create(2048);
        var handler = new JsonWebTokenHandler();
        var forged = handler.CreateToken(System.Text.Json.JsonSerializer.Serialize(payload),
            new SigningCredentials(new RsaSecurityKey(attackerKey) { KeyId = kid }, SecurityAlgorithms.RsaSha256),
            new Dictionary<string, object> { ["typ"] = "at+jwt" });
        var unsigned = Base64UrlEncoder.Encode("""{"alg":"none","typ":"at+jwt"}""") + "." + forged.Split('.')[1] + ".";
        var parts = real.Split('.');
        var widened = parts[0] + "." + Base64UrlEncoder.Encode(SecuredSystem.Part(real, 1).GetRawText().Replace("\"licenses.read\"", "\"licenses.read licenses.write\"", StringComparison.Ordinal)) + "." + parts[2];
        var oversized = parts[0] + "." + Base64UrlEncoder.Encode(new string('a', 17 * 1024)) + "." + parts[2];
        var hostile = new Dictionary<string, string>
        {
            ["forged with the real kid"] = forged,
            ["alg none"] = unsigned,
            ["payload changed after signing"] = widened,
            ["over 16 KB"] = oversized,
            ["not a JWT"] = "not.a.jwt!",
        };

        foreach (var (what, token) in hostile)
        {
            foreach (var (where, address, path) in new[]
                     {
                         ("gateway", system.GatewayBase, "front/secure"),
                         ("front", system.FrontBase, "secure"),
                         ("back", system.BackBase, "secure"),
                     })
            {
                var (status, _, challenge) = await SecuredSystem.GetAsync(address, path, token);
                Assert.True(status == HttpStatusCode.Unauthorized, $"{what} at {where}: {(int)status}");
                Assert.Matches(InvalidToken(), challenge ?? string.Empty);
            }
        }

        // Not one log line of any process carries a token's signature.
        foreach (var process in new[] { system.Gateway, system.Front, system.Back, system.Auth })
        {
            foreach (var token in hostile.Values.Append(real).Where(t => t.Split('.').Length == 3 && t.Split('.')[2].Length > 20))
            {
                Assert.DoesNotContain(token.Split('.')[2], process.Stdout + process.Stderr, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task An_admin_key_rotation_is_adopted_by_the_server_and_both_old_and_new_tokens_pass_the_chain()
    {
        var before = await system.ClientTokenAsync();
        var oldKid = SecuredSystem.Part(before, 0).GetProperty("kid").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await SecuredSystem.GetAsync(system.GatewayBase, "front/call?path=/secure", before)).Status);

        // The one-off admin process, with the server's database; the running server adopts the key at its next check.
        var (exitCode, stdout, stderr) = await StratusProcess.RunAsync("auth-server", "rotate-keys", $"--Stratus:AuthServer:Database:Path={system.AuthDatabase}");
        Assert.True(exitCode == 0, stdout + stderr);
        var newKid = NewKey().Match(stdout).Groups["kid"].Value;
        Assert.NotEqual(string.Empty, newKid);
        Assert.NotEqual(oldKid, newKid);

        string after = string.Empty;
        await Discovery.ServiceFleet.WaitUntilAsync(async () =>
        {
            after = await system.ClientTokenAsync();
            return SecuredSystem.Part(after, 0).GetProperty("kid").GetString() == newKid;
        }, TimeSpan.FromSeconds(30), "tokens signed with the rotated key");
        using var http = new HttpClient { BaseAddress = system.AuthBase };
        var jwks = await http.GetStringAsync(".well-known/jwks", Ct);

        // Gateway, front and back hold only the old key: the new kid makes each fetch the keys once.
        var newToken = await SecuredSystem.GetAsync(system.GatewayBase, "front/call?path=/secure", after);
        var oldToken = await SecuredSystem.GetAsync(system.GatewayBase, "front/call?path=/secure", before);

        Assert.Contains(oldKid, jwks, StringComparison.Ordinal);
        Assert.Contains(newKid, jwks, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.OK, "back-1 demo-client demo-client"), (newToken.Status, newToken.Body));
        Assert.Equal((HttpStatusCode.OK, "back-1 demo-client demo-client"), (oldToken.Status, oldToken.Body));
    }

    private static string Hidden(string html, string name)
    {
        var match = Regex.Match(html, "name=\"" + Regex.Escape(name) + "\" value=\"(?<v>[^\"]*)\"");
        Assert.True(match.Success, $"no hidden field {name} in the login page");
        return WebUtility.HtmlDecode(match.Groups["v"].Value);
    }

    [GeneratedRegex("^Bearer .*error=\"invalid_token\".*error_description=\"[^\"]+\"")]
    private static partial Regex InvalidToken();

    [GeneratedRegex("new signing key (?<kid>[A-Za-z0-9_-]+)")]
    private static partial Regex NewKey();
}
