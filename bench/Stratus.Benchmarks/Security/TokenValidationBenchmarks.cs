using System.Net;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Stratus.Security;
using Stratus.Security.Keys;
using Stratus.Security.Tokens;

namespace Stratus.Benchmarks.Security;

/// <summary>
/// One bearer token through a resource server's authentication, in process: the library's own validation of an RS256
/// token with the parameters Stratus uses (the baseline), the Stratus scheme validating it in full (size and shape
/// checks, signature, lifetime, issuer, audience, claims mapping, then remembering it), and the same scheme answering
/// from its cache of validated tokens (SHA-256 of the token, one lookup, a copy of the principal). Keys come from a
/// JWKS the handler fetched once through a stub HTTP handler.
/// </summary>
[MemoryDiagnoser]
public class TokenValidationBenchmarks
{
    private readonly JsonWebTokenHandler _handler = new() { MaximumTokenSizeInBytes = JwtBearerSetup.MaxTokenBytes };
    private RSA _rsa = null!;
    private string _token = null!;
    private TokenValidationParameters _parameters = null!;
    private ServiceProvider _services = null!;
    private ValidatedTokenCache _cache = null!;

    [GlobalSetup]
    public void Setup()
    {
        _rsa = RSA.Create(2048);
        var key = new RsaSecurityKey(_rsa) { KeyId = "k1" };
        _token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "https://issuer.bench",
            Audience = "bench",
            Expires = TimeProvider.System.GetUtcNow().UtcDateTime.AddHours(1),
            Claims = new Dictionary<string, object> { ["sub"] = "alice", ["scope"] = "orders.read orders.write" },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
        var options = new ResourceServerOptions { JwksUri = "https://jwks.bench/jwks", Issuer = "https://issuer.bench", Audience = "bench" };
        _parameters = JwtBearerSetup.Parameters(options);
        _parameters.IssuerSigningKey = new RsaSecurityKey(_rsa.ExportParameters(false)) { KeyId = "k1" };

        var p = _rsa.ExportParameters(false);
        var jwks = $$"""{"keys":[{"kty":"RSA","kid":"k1","use":"sig","alg":"RS256","n":"{{Base64UrlEncoder.Encode(p.Modulus)}}","e":"{{Base64UrlEncoder.Encode(p.Exponent)}}"}]}""";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Stratus:Security:ResourceServer:JwksUri"] = options.JwksUri,
            ["Stratus:Security:ResourceServer:Issuer"] = options.Issuer,
            ["Stratus:Security:ResourceServer:Audience"] = options.Audience,
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddStratusResourceServer(configuration);
        services.AddHttpClient(SigningKeySource.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => new StaticJwks(jwks));
        _services = services.BuildServiceProvider();
        _cache = _services.GetRequiredService<JwtSchemeStates>().Get("Bearer").Cache;
        if (!AuthenticateAsync().GetAwaiter().GetResult())
        {
            throw new InvalidOperationException("the benchmark token does not validate");
        }
    }

    [Benchmark(Baseline = true, Description = "JsonWebTokenHandler.ValidateTokenAsync, RS256 (library only)")]
    public async Task<bool> Library() => (await _handler.ValidateTokenAsync(_token, _parameters).ConfigureAwait(false)).IsValid;

    [Benchmark(Description = "Stratus scheme, full validation (cache emptied first)")]
    public Task<bool> Uncached()
    {
        _cache.Clear();
        return AuthenticateAsync();
    }

    [Benchmark(Description = "Stratus scheme, token remembered")]
    public Task<bool> Cached() => AuthenticateAsync();

    private async Task<bool> AuthenticateAsync()
    {
        // A scope per request, as ASP.NET Core makes: handlers (and the result they memoise) live in it.
        await using var scope = _services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Headers.Authorization = "Bearer " + _token;
        return (await context.AuthenticateAsync("Bearer").ConfigureAwait(false)).Succeeded;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        _rsa.Dispose();
    }

    private sealed class StaticJwks(string json) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json) });
    }
}
