namespace Stratus.Gateway;

/// <summary>
/// Settings of the gateway, bound from <c>Stratus:Gateway</c>. Routes and default filters are read from the same section
/// (<c>Routes</c>, <c>DefaultFilters</c>) or from Spring's <c>spring.cloud.gateway[.server.webflux].routes</c>.
/// </summary>
public sealed class GatewayOptions
{
    /// <summary>Configuration section: <c>Stratus:Gateway</c>.</summary>
    public const string SectionName = "Stratus:Gateway";

    /// <summary>Longest wait for an upstream answer (and between body reads); then 504. Per route: metadata <c>response-timeout</c> (ms). Default 30 seconds. Spring: <c>spring.cloud.gateway.httpclient.response-timeout</c>.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest wait to connect to an upstream; then 504. Per route: metadata <c>connect-timeout</c> (ms). Default 10 seconds. Spring: <c>spring.cloud.gateway.httpclient.connect-timeout</c> (ms).</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Peers whose <c>X-Forwarded-*</c> and <c>Forwarded</c> headers are believed (IP addresses or CIDR ranges). From anyone
    /// else those headers are replaced. Default none. Spring: <c>spring.cloud.gateway.trusted-proxies</c>.
    /// </summary>
    public IList<string> TrustedProxies { get; } = [];

    /// <summary>Named circuit breakers' settings; a name not listed gets the defaults of <see cref="CircuitBreakerSettings"/>.</summary>
    public IDictionary<string, CircuitBreakerSettings> CircuitBreakers { get; } = new Dictionary<string, CircuitBreakerSettings>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Bearer JWT validation for routes whose metadata asks for it (<c>auth-required</c>, <c>auth-scopes</c>, <c>auth-roles</c>).</summary>
    public GatewayJwtOptions Jwt { get; } = new();

    /// <summary>A route per registered service (Spring's discovery locator).</summary>
    public GatewayDiscoveryOptions Discovery { get; } = new();

    /// <summary>Where <c>RequestRateLimiter</c> keeps shared buckets.</summary>
    public RateLimiterOptions RateLimiter { get; } = new();

    /// <summary>Serve <c>GET /actuator/gateway/routes</c>. Default <see langword="true"/> (read-only; route edits are not offered).</summary>
    public bool ExposeRoutes { get; set; } = true;
}
