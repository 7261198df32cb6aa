using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Stratus.Gateway.Definitions;
using Stratus.Gateway.Predicates;
using Stratus.Gateway.Routing;

namespace Stratus.Benchmarks.Gateway;

/// <summary>
/// The gateway's per-request costs that do not depend on the network: validating one RS256 bearer token with the
/// parameters the gateway uses (the cost the issue asks to state), and matching a request path against a 20-route
/// table (the work Stratus adds on top of YARP's forwarder).
/// </summary>
[MemoryDiagnoser]
public class JwtValidationBenchmarks
{
    private readonly JsonWebTokenHandler _handler = new() { MaximumTokenSizeInBytes = 16 * 1024 };
    private RSA _rsa = null!;
    private string _token = null!;
    private TokenValidationParameters _parameters = null!;
    private RouteTable _table = null!;
    private Microsoft.AspNetCore.Http.DefaultHttpContext _context = null!;

    [GlobalSetup]
    public void Setup()
    {
        _rsa = RSA.Create(2048);
        var key = new RsaSecurityKey(_rsa) { KeyId = "k1" };
        _token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "https://issuer.test",
            Audience = "orders-api",
            Expires = TimeProvider.System.GetUtcNow().UtcDateTime.AddHours(1),
            Claims = new Dictionary<string, object> { ["sub"] = "alice", ["scope"] = "orders.read orders.write" },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
        _parameters = new TokenValidationParameters
        {
            ValidIssuer = "https://issuer.test",
            ValidAudience = "orders-api",
            IssuerSigningKey = new RsaSecurityKey(_rsa.ExportParameters(false)) { KeyId = "k1" },
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromSeconds(30),
        };

        var weights = new WeightGroups();
        var routes = Enumerable.Range(0, 20).Select(i => new CompiledRoute(
            new RouteDefinition($"r{i}", "http://127.0.0.1:1", 0, [], [], new Dictionary<string, string>(), i),
            "http://127.0.0.1:1",
            false,
            [PredicateFactory.Create(PluginDefinition.ParseShortcut($"Path=/service{i}/**"), $"r{i}", weights)],
            [],
            null,
            null,
            null)).ToList();
        _table = new RouteTable(routes);
        _context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        _context.Request.Path = "/service19/orders/42";
    }

    [Benchmark(Description = "validate one RS256 token (signature, lifetime, issuer, audience)")]
    public async Task<bool> Validate() => (await _handler.ValidateTokenAsync(_token, _parameters).ConfigureAwait(false)).IsValid;

    [Benchmark(Description = "normalise the path and match the last of 20 Path routes")]
    public string? MatchRoute()
    {
        var path = PathNormalizer.Normalize(_context.Request.Path.Value, out _)!;
        return _table.Match(new GatewayExchange(_context, path, null, default))?.Id;
    }

    [GlobalCleanup]
    public void Cleanup() => _rsa.Dispose();
}
