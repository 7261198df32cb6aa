using System.Globalization;
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

namespace Stratus.Security.Tests.Support;

/// <summary>
/// An OAuth2 issuer on Kestrel (127.0.0.1, free port): OpenID metadata, a JWKS with RSA and EC keys that a test can
/// rotate, and a token endpoint for client_credentials. It counts the requests each endpoint gets.
/// </summary>
public sealed class TestIssuer : IAsyncDisposable
{
    public const string Audience = "licensing";
    private readonly Dictionary<string, AsymmetricSecurityKey> _keys = new(StringComparer.Ordinal);
    private readonly List<string> _published = [];
    private readonly Dictionary<string, (string Secret, string Scope)> _clients = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private WebApplication _app = null!;
    private int _jwksRequests;
    private int _metadataRequests;
    private int _tokenRequests;

    private TestIssuer()
    {
    }

    public string Address { get; private set; } = string.Empty;

    public string Issuer => Address;

    public string JwksUri => Address + "/jwks";

    public string TokenEndpoint => Address + "/oauth2/token";

    public int JwksRequests => Volatile.Read(ref _jwksRequests);

    public int MetadataRequests => Volatile.Read(ref _metadataRequests);

    public int TokenRequests => Volatile.Read(ref _tokenRequests);

    public static async Task<TestIssuer> StartAsync()
    {
        var issuer = new TestIssuer();
        issuer.AddKey("rsa-1", publish: true);
        issuer.AddKey("ec-1", publish: true, ec: true);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/.well-known/openid-configuration", () =>
        {
            Interlocked.Increment(ref issuer._metadataRequests);
            return Results.Text($$"""{"issuer":"{{issuer.Issuer}}","jwks_uri":"{{issuer.JwksUri}}","token_endpoint":"{{issuer.TokenEndpoint}}","id_token_signing_alg_values_supported":["RS256","ES256"]}""", "application/json");
        });
        app.MapGet("/jwks", () =>
        {
            Interlocked.Increment(ref issuer._jwksRequests);
            return Results.Text(issuer.JwksJson(), "application/json");
        });
        app.MapPost("/oauth2/token", (Delegate)issuer.IssueAsync);
        await app.StartAsync(TestContext.Current.CancellationToken);
        issuer._app = app;
        issuer.Address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return issuer;
    }

    /// <summary>Creates a key; a published one appears in the JWKS.</summary>
    public void AddKey(string kid, bool publish, bool ec = false)
    {
        AsymmetricSecurityKey key = ec ? new ECDsaSecurityKey(KeyPool.Ec(kid)) { KeyId = kid } : new RsaSecurityKey(KeyPool.Rsa(kid)) { KeyId = kid };
        lock (_lock)
        {
            _keys[kid] = key;
            if (publish)
            {
                _published.Add(kid);
            }
        }
    }

    public void Publish(string kid)
    {
        lock (_lock)
        {
            _published.Add(kid);
        }
    }

    public void Unpublish(string kid)
    {
        lock (_lock)
        {
            _published.Remove(kid);
        }
    }

    public void AddClient(string clientId, string secret, string scope) => _clients[clientId] = (secret, scope);

    public AsymmetricSecurityKey Key(string kid)
    {
        lock (_lock)
        {
            return _keys[kid];
        }
    }

    /// <summary>A token signed with one of this issuer's keys (RS256 for RSA, ES256 for EC), valid for an hour unless told otherwise.</summary>
    public string Token(
        string kid = "rsa-1",
        string subject = "alice",
        string? scope = "licenses.read",
        string audience = Audience,
        string? issuer = null,
        DateTime? expires = null,
        DateTime? notBefore = null,
        IDictionary<string, object>? claims = null,
        IDictionary<string, object>? header = null)
    {
        var key = Key(kid);
        var algorithm = key is ECDsaSecurityKey ? SecurityAlgorithms.EcdsaSha256 : SecurityAlgorithms.RsaSha256;
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var payload = new Dictionary<string, object> { ["sub"] = subject };
        if (scope is not null)
        {
            payload["scope"] = scope;
        }

        foreach (var (name, value) in claims ?? new Dictionary<string, object>())
        {
            payload[name] = value;
        }

        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience,
            Expires = expires ?? now.AddHours(1),
            NotBefore = notBefore ?? now.AddMinutes(-1),
            IssuedAt = now.AddMinutes(-1),
            Claims = payload,
            AdditionalHeaderClaims = header,
            SigningCredentials = new SigningCredentials(key, algorithm),
        });
    }

    private string JwksJson()
    {
        lock (_lock)
        {
            var keys = _published.Select(kid => _keys[kid] switch
            {
                RsaSecurityKey rsa => RsaJwk(kid, rsa.Rsa.ExportParameters(false)),
                ECDsaSecurityKey ec => EcJwk(kid, ec.ECDsa.ExportParameters(false)),
                _ => throw new InvalidOperationException(),
            });
            return $$"""{"keys":[{{string.Join(',', keys)}}]}""";
        }
    }

    internal static string RsaJwk(string kid, RSAParameters p) =>
        $$"""{"kty":"RSA","kid":"{{kid}}","use":"sig","alg":"RS256","n":"{{Base64UrlEncoder.Encode(p.Modulus)}}","e":"{{Base64UrlEncoder.Encode(p.Exponent)}}"}""";

    internal static string EcJwk(string kid, ECParameters p) =>
        $$"""{"kty":"EC","kid":"{{kid}}","use":"sig","alg":"ES256","crv":"P-256","x":"{{Base64UrlEncoder.Encode(p.Q.X)}}","y":"{{Base64UrlEncoder.Encode(p.Q.Y)}}"}""";

    /// <summary>client_credentials with HTTP Basic client authentication (RFC 6749 4.4, 2.3.1).</summary>
    private async Task<IResult> IssueAsync(HttpContext context)
    {
        Interlocked.Increment(ref _tokenRequests);
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var basic = context.Request.Headers.Authorization.ToString();
        if (form["grant_type"] != "client_credentials" || !basic.StartsWith("Basic ", StringComparison.Ordinal))
        {
            return Results.Json(new Dictionary<string, string> { ["error"] = "invalid_request" }, statusCode: 400);
        }

        var pair = Encoding.UTF8.GetString(Convert.FromBase64String(basic[6..])).Split(':', 2);
        var id = Uri.UnescapeDataString(pair[0].Replace('+', ' '));
        var secret = Uri.UnescapeDataString(pair[1].Replace('+', ' '));
        if (!_clients.TryGetValue(id, out var client) || client.Secret != secret)
        {
            return Results.Json(new Dictionary<string, string> { ["error"] = "invalid_client" }, statusCode: 401);
        }

        var scope = form["scope"].ToString() is { Length: > 0 } asked ? asked : client.Scope;
        var token = Token(subject: id, scope: scope);
        return Results.Text(
            string.Create(CultureInfo.InvariantCulture, $$"""{"access_token":"{{token}}","token_type":"Bearer","expires_in":300,"scope":"{{scope}}"}"""),
            "application/json");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
    }
}
