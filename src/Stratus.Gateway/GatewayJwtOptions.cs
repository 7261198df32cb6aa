namespace Stratus.Gateway;

/// <summary>
/// Bearer JWT validation for routes that ask for it (<c>Stratus:Gateway:Jwt</c>). Keys come from the issuer's metadata
/// (<see cref="Authority"/>) or a JWKS URL (<see cref="JwksUri"/>), cached and refreshed at a limited rate when a token
/// names an unknown key; never from the token's own <c>jku</c>/<c>x5u</c>.
/// </summary>
public sealed class GatewayJwtOptions
{
    /// <summary>The issuer; its <c>/.well-known/openid-configuration</c> gives the keys. Default none.</summary>
    public string? Authority { get; set; }

    /// <summary>A JWKS URL to take the signing keys from, instead of the issuer's metadata. Default none.</summary>
    public string? JwksUri { get; set; }

    /// <summary>The <c>iss</c> tokens must carry. Default: <see cref="Authority"/>.</summary>
    public string? Issuer { get; set; }

    /// <summary>The <c>aud</c> tokens must carry (required). Default none.</summary>
    public string? Audience { get; set; }

    /// <summary>Allowed clock difference for <c>exp</c> and <c>nbf</c>. Default 30 seconds; at most 60.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Fetch keys over HTTPS only. Default <see langword="true"/>; loopback addresses are allowed over HTTP.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Whether any source of keys is configured.</summary>
    internal bool Configured => !string.IsNullOrWhiteSpace(Authority) || !string.IsNullOrWhiteSpace(JwksUri);
}
