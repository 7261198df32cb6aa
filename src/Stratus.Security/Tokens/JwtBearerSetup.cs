using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Stratus.Security.Tokens;

/// <summary>
/// Configures each Stratus bearer scheme per RFC 8725: asymmetric algorithms only (no <c>none</c>, no HMAC, so a public
/// key can never serve as a shared secret), signed tokens only, <c>exp</c> required, <c>nbf</c> and <c>exp</c> checked
/// with at most 60 s of skew, issuer and audience required, tokens over 16 KB refused, keys only from
/// <see cref="Keys.SigningKeySource"/>. Claims keep their JWT names (<c>sub</c>, <c>scope</c>, <c>roles</c>).
/// </summary>
internal sealed class JwtBearerSetup(IEnumerable<StratusSchemeName> schemes, JwtSchemeStates states) : IConfigureNamedOptions<JwtBearerOptions>
{
    public const int MaxTokenBytes = 16 * 1024;

    /// <summary>RSA PKCS#1, RSA-PSS and ECDSA: the algorithms whose verification key is public.</summary>
    public static readonly string[] Algorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    public void Configure(string? name, JwtBearerOptions options)
    {
        if (name is null || !schemes.Any(s => s.Name == name))
        {
            return;
        }

        var state = states.Get(name);
        options.MapInboundClaims = false;
        options.IncludeErrorDetails = true;
        options.SaveToken = false;
        options.RefreshOnIssuerKeyNotFound = false;
        options.Audience = state.Options.Audience;
        options.TokenValidationParameters = Parameters(state.Options);
        options.ConfigurationManager = state.Keys;
        options.Events = Events;
        foreach (var handler in options.TokenHandlers.OfType<JsonWebTokenHandler>())
        {
            handler.MaximumTokenSizeInBytes = MaxTokenBytes;
            handler.MapInboundClaims = false;
        }
    }

    public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);

    /// <summary>The validation parameters of a scheme, also used by the benchmarks.</summary>
    public static TokenValidationParameters Parameters(ResourceServerOptions options) => new()
    {
        ValidateIssuer = true,
        // Without an explicit Issuer, the issuer is the one the metadata names (checked against Authority up to a
        // trailing slash, which OpenIddict and Spring Authorization Server write differently); it arrives with the keys.
        ValidIssuer = NullIfBlank(options.Issuer),
        ValidateAudience = true,
        ValidAudience = options.Audience,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        RequireSignedTokens = true,
        ValidateIssuerSigningKey = true,
        ClockSkew = options.ClockSkew < TimeSpan.FromSeconds(60) ? options.ClockSkew : TimeSpan.FromSeconds(60),
        ValidAlgorithms = Algorithms,
        NameClaimType = "sub",
        RoleClaimType = "roles",
    };

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static readonly JwtBearerEvents Events = new()
    {
        OnTokenValidated = context =>
        {
            // RFC 8725 3.6: no compression. A signed JWS has no business carrying zip (it belongs to JWE).
            if (context.SecurityToken is JsonWebToken token && token.TryGetHeaderValue<string>("zip", out _))
            {
                context.Fail(new TokenRejectedException(TokenFailure.Compressed));
                return Task.CompletedTask;
            }

            if (context.Principal is { } principal)
            {
                ClaimsMapping.AddRoles(principal, context.SecurityToken as JsonWebToken);
            }

            return Task.CompletedTask;
        },
        OnChallenge = context =>
        {
            if (context.AuthenticateFailure is { } failure)
            {
                context.Error = "invalid_token";
                context.ErrorDescription = TokenFailure.Describe(failure);
            }

            return Task.CompletedTask;
        },
    };
}
