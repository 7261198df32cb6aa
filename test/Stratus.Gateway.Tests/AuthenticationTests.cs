using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Stratus.Gateway.Tests.Support;

namespace Stratus.Gateway.Tests;

/// <summary>Per-route bearer JWT validation against keys a real JWKS endpoint serves.</summary>
public sealed class AuthenticationTests : IAsyncLifetime
{
    private const string Issuer = "https://issuer.test";
    private const string Audience = "orders-api";
    private readonly RSA _rsa = RSA.Create(2048);
    private WebApplication? _jwks;
    private Backend? _backend;
    private GatewayHost? _gateway;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var key = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_rsa.ExportParameters(false)) { KeyId = "k1" });
        var jwksJson = $$"""{"keys":[{"kty":"RSA","kid":"k1","use":"sig","alg":"RS256","n":"{{key.N}}","e":"{{key.E}}"}]}""";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _jwks = builder.Build();
        _jwks.MapGet("/jwks", () => Results.Text(jwksJson, "application/json"));
        await _jwks.StartAsync(Ct);
        var jwksUrl = _jwks.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/jwks";

        _backend = await Backend.StartAsync();
        _gateway = await GatewayHost.StartAsync(
            Routes.Json(
                Routes.Route("read", _backend.Address, ["Path=/orders/**"], ["TokenRelay"], metadata: new() { ["auth-scopes"] = "orders.read" }),
                Routes.Route("admin", _backend.Address, ["Path=/admin/**"], metadata: new() { ["auth-roles"] = "admin" }),
                Routes.Route("per-user", _backend.Address, ["Path=/limited"], ["RequestRateLimiter=1, 1"]),
                Routes.Route("public", _backend.Address, ["Path=/public/**"])),
            new Dictionary<string, string?>
            {
                ["Stratus:Gateway:Jwt:JwksUri"] = jwksUrl,
                ["Stratus:Gateway:Jwt:Issuer"] = Issuer,
                ["Stratus:Gateway:Jwt:Audience"] = Audience,
            });
    }

    [Fact]
    public async Task A_valid_token_with_the_scope_passes_and_is_relayed()
    {
        var token = Token(scope: "orders.read orders.write");
        using var response = await SendAsync("orders/1", token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Bearer " + token, (await Echo.ReadAsync(response)).Header("Authorization"));
    }

    [Fact]
    public async Task Missing_bad_and_insufficient_tokens_never_reach_the_upstream()
    {
        using (var none = await SendAsync("orders/1", null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
            Assert.StartsWith("Bearer", none.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }

        using (var audience = await SendAsync("orders/1", Token(audience: "someone-else")))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, audience.StatusCode);
            Assert.Contains("audience", audience.Headers.WwwAuthenticate.ToString(), StringComparison.OrdinalIgnoreCase);
        }

        using (var expired = await SendAsync("orders/1", Token(expires: TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(-5))))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
            Assert.Contains("expired", expired.Headers.WwwAuthenticate.ToString(), StringComparison.OrdinalIgnoreCase);
        }

        using (var issuer = await SendAsync("orders/1", Token(issuer: "https://evil.test")))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, issuer.StatusCode);
        }

        using (var scope = await SendAsync("orders/1", Token(scope: "orders.write")))
        {
            Assert.Equal(HttpStatusCode.Forbidden, scope.StatusCode);
            Assert.Contains("insufficient_scope", scope.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }

        using (var role = await SendAsync("admin/x", Token(scope: "orders.read")))
        {
            Assert.Equal(HttpStatusCode.Forbidden, role.StatusCode);
        }

        Assert.Equal(0, _backend!.Requests);
        using var admin = await SendAsync("admin/x", Token(roles: "admin"));
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
    }

    [Fact]
    public async Task Forged_tokens_are_refused_alg_none_hmac_with_the_public_key_oversized_and_garbage()
    {
        var header = B64("""{"alg":"none","typ":"JWT"}""");
        var payload = B64($$"""{"iss":"{{Issuer}}","aud":"{{Audience}}","sub":"mallory","scope":"orders.read","exp":{{TimeProvider.System.GetUtcNow().AddHours(1).ToUnixTimeSeconds()}}}""");
        using (var none = await SendAsync("orders/1", $"{header}.{payload}."))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        }

        var publicKeyAsSecret = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(_rsa.ExportSubjectPublicKeyInfoPem())) { KeyId = "k1" };
        var hmac = new JsonWebTokenHandler().CreateToken(Descriptor("orders.read", Audience, Issuer, TimeProvider.System.GetUtcNow().UtcDateTime.AddHours(1), null, new SigningCredentials(publicKeyAsSecret, SecurityAlgorithms.HmacSha256)));
        using (var confused = await SendAsync("orders/1", hmac))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, confused.StatusCode);
        }

        using (var huge = await SendAsync("orders/1", Token(scope: "orders.read " + new string('x', 20_000))))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, huge.StatusCode);
        }

        foreach (var garbage in new[] { "not-a-token", "a.b.c", "!!!.###.$$$" })
        {
            using var bad = await SendAsync("orders/1", garbage);
            Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
        }

        Assert.Equal(0, _backend!.Requests);
    }

    [Fact]
    public async Task The_gateway_scheme_is_not_the_default_so_requests_are_not_validated_twice()
    {
        var schemes = _gateway!.App.Services.GetRequiredService<Microsoft.AspNetCore.Authentication.IAuthenticationSchemeProvider>();
        Assert.Null(await schemes.GetDefaultAuthenticateSchemeAsync());
        Assert.NotNull(await schemes.GetSchemeAsync("StratusGateway"));
    }

    [Fact]
    public async Task A_token_that_passed_is_remembered_and_one_that_failed_is_checked_every_time()
    {
        var good = Token(scope: "orders.read");
        for (var i = 0; i < 3; i++)
        {
            using var ok = await SendAsync("orders/1", good);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        var bad = Token(audience: "someone-else");
        for (var i = 0; i < 3; i++)
        {
            using var refused = await SendAsync("orders/1", bad);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        // A cached good token still has to carry the route's scopes.
        using var scopeless = await SendAsync("admin/x", good);
        Assert.Equal(HttpStatusCode.Forbidden, scopeless.StatusCode);
    }

    [Fact]
    public async Task Rate_limit_by_principal_keys_on_the_token_subject()
    {
        using var alice1 = await SendAsync("limited", Token(subject: "alice"));
        using var alice2 = await SendAsync("limited", Token(subject: "alice"));
        using var bob = await SendAsync("limited", Token(subject: "bob"));
        Assert.Equal(HttpStatusCode.OK, alice1.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, alice2.StatusCode);
        Assert.Equal(HttpStatusCode.OK, bob.StatusCode);
    }

    private async Task<HttpResponseMessage> SendAsync(string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await _gateway!.Client.SendAsync(request, Ct);
    }

    private string Token(string scope = "orders.read", string audience = Audience, string issuer = Issuer, DateTime? expires = null, string? roles = null, string subject = "alice") =>
        new JsonWebTokenHandler().CreateToken(Descriptor(scope, audience, issuer, expires ?? TimeProvider.System.GetUtcNow().UtcDateTime.AddHours(1), roles, new SigningCredentials(new RsaSecurityKey(_rsa) { KeyId = "k1" }, SecurityAlgorithms.RsaSha256), subject));

    private static SecurityTokenDescriptor Descriptor(string scope, string audience, string issuer, DateTime expires, string? roles, SigningCredentials credentials, string subject = "alice")
    {
        var claims = new Dictionary<string, object> { ["sub"] = subject, ["scope"] = scope };
        if (roles is not null)
        {
            claims["roles"] = roles;
        }

        return new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Expires = expires,
            NotBefore = expires.AddHours(-2),
            IssuedAt = expires.AddHours(-2),
            Claims = claims,
            SigningCredentials = credentials,
        };
    }

    private static string B64(string json) => Base64UrlEncoder.Encode(json);

    public async ValueTask DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }

        if (_backend is not null)
        {
            await _backend.DisposeAsync();
        }

        if (_jwks is not null)
        {
            await _jwks.DisposeAsync();
        }

        _rsa.Dispose();
    }
}
