using System.Net;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Stratus.Gateway.Security;

/// <summary>
/// The gateway's bearer scheme, configured from <see cref="GatewayJwtOptions"/>: asymmetric algorithms only (no
/// <c>none</c>, no HMAC, so a public key can never be used as a shared secret), <c>exp</c> required, issuer and audience
/// checked, at most 60 s of clock skew, tokens over 16 KB refused, keys from configuration only.
/// </summary>
internal sealed class GatewayAuthentication(IOptions<GatewayOptions> gateway) : IConfigureNamedOptions<JwtBearerOptions>
{
    public const string Scheme = "StratusGateway";

    private static readonly string[] Algorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    public void Configure(string? name, JwtBearerOptions options)
    {
        if (name != Scheme)
        {
            return;
        }

        var jwt = gateway.Value.Jwt;
        var source = jwt.JwksUri ?? jwt.Authority;
        options.MapInboundClaims = false;
        options.IncludeErrorDetails = true;
        options.RequireHttpsMetadata = jwt.RequireHttpsMetadata && !IsLoopback(source);
        options.Audience = jwt.Audience;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuer = jwt.Issuer ?? jwt.Authority,
            ValidateAudience = true,
            ValidAudience = jwt.Audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ClockSkew = jwt.ClockSkew < TimeSpan.FromSeconds(60) ? jwt.ClockSkew : TimeSpan.FromSeconds(60),
            ValidAlgorithms = Algorithms,
            NameClaimType = "sub",
            RoleClaimType = "roles",
        };
        foreach (var handler in options.TokenHandlers.OfType<JsonWebTokenHandler>())
        {
            handler.MaximumTokenSizeInBytes = 16 * 1024;
        }

        if (!string.IsNullOrWhiteSpace(jwt.JwksUri))
        {
            options.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
                jwt.JwksUri, new JwksRetriever(), new HttpDocumentRetriever { RequireHttps = options.RequireHttpsMetadata })
            {
                // An unknown kid asks for the keys again, but not more often than this.
                RefreshInterval = TimeSpan.FromSeconds(30),
                AutomaticRefreshInterval = TimeSpan.FromHours(1),
            };
        }
        else if (!string.IsNullOrWhiteSpace(jwt.Authority))
        {
            options.Authority = jwt.Authority;
        }
    }

    public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);

    private static bool IsLoopback(string? uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var parsed)
        && (parsed.IsLoopback || (IPAddress.TryParse(parsed.Host, out var ip) && IPAddress.IsLoopback(ip)));
}
