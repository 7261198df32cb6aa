namespace Stratus.Security;

/// <summary>
/// Bearer JWT validation for a resource server (<c>Stratus:Security:ResourceServer</c>). Keys come from the issuer's
/// OpenID metadata (<see cref="Authority"/>, or <see cref="IssuerServiceId"/> through discovery) or from a JWKS URL
/// (<see cref="JwksUri"/>), cached, and fetched again at a limited rate when a token names an unknown key; never from
/// the token's own <c>jku</c>, <c>x5u</c> or <c>kid</c>.
/// </summary>
public sealed class ResourceServerOptions
{
    /// <summary>Configuration section: <c>Stratus:Security:ResourceServer</c>.</summary>
    public const string SectionName = "Stratus:Security:ResourceServer";

    /// <summary>
    /// The issuer's base URL; <c>{Authority}/.well-known/openid-configuration</c> names the JWKS, and its <c>issuer</c>
    /// must equal this value. Default none. Spring: <c>spring.security.oauth2.resourceserver.jwt.issuer-uri</c>.
    /// </summary>
    public string? Authority { get; set; }

    /// <summary>
    /// The issuer's service id in the registry (for example <c>auth-server</c>): its metadata is read from an instance
    /// that discovery and the load balancer choose. Default none.
    /// </summary>
    public string? IssuerServiceId { get; set; }

    /// <summary>
    /// A JWKS URL to take the signing keys from, without metadata. Default none. Spring:
    /// <c>spring.security.oauth2.resourceserver.jwt.jwk-set-uri</c>.
    /// </summary>
    public string? JwksUri { get; set; }

    /// <summary>The <c>iss</c> tokens must carry. Default: <see cref="Authority"/>, or the discovered metadata's <c>issuer</c>.</summary>
    public string? Issuer { get; set; }

    /// <summary>The <c>aud</c> tokens must carry (required). Default none. Spring: <c>...jwt.audiences</c>.</summary>
    public string? Audience { get; set; }

    /// <summary>Allowed clock difference for <c>exp</c> and <c>nbf</c>. Default 30 seconds; at most 60.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Fetch metadata and keys over HTTPS only. Default <see langword="true"/>; loopback addresses may use HTTP.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>
    /// Least time between two fetches of the keys caused by tokens naming an unknown <c>kid</c>. Default 30 seconds;
    /// 1 second to 1 hour.
    /// </summary>
    public TimeSpan KeyRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long fetched keys are used before they are fetched again. Default 5 minutes (Spring's); 1 minute to 1 day.</summary>
    public TimeSpan KeyCacheLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Whether any source of keys is configured.</summary>
    internal bool Configured =>
        !string.IsNullOrWhiteSpace(Authority) || !string.IsNullOrWhiteSpace(JwksUri) || !string.IsNullOrWhiteSpace(IssuerServiceId);
}
