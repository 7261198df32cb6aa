using Stratus.Gateway.RateLimiting;

namespace Stratus.Gateway.Filters;

/// <summary>What filters may use besides their arguments: shared breakers and rate limiters, the clock, the route's id.</summary>
internal sealed record FilterServices(CircuitBreakers Breakers, LocalRateLimiter LocalLimiter, RedisRateLimiter? RedisLimiter, TimeProvider Time, bool JwtConfigured, string RouteId = "")
{
    public FilterServices ForRoute(string routeId) => this with { RouteId = routeId };
}
