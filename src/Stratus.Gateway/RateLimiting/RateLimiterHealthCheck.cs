using Microsoft.Extensions.Diagnostics.HealthChecks;
using Stratus.Gateway.Filters;

namespace Stratus.Gateway.RateLimiting;

/// <summary>
/// <c>gatewayRateLimiter</c>: degraded while the shared rate limiter's Redis fails and requests pass unlimited (fail
/// open), unhealthy while they are refused (fail closed); the alarm besides the error log.
/// </summary>
internal sealed class RateLimiterHealthCheck(FilterServices services, TimeProvider time) : IHealthCheck
{
    private static readonly TimeSpan Recent = TimeSpan.FromSeconds(30);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (services.RedisLimiter is not { } redis)
        {
            return Task.FromResult(HealthCheckResult.Healthy("No shared rate limiter is configured"));
        }

        if (redis.LastError is { } error && redis.LastErrorAt is { } at && time.GetUtcNow() - at < Recent)
        {
            var data = new Dictionary<string, object> { ["lastError"] = error, ["failOpen"] = redis.FailOpen, ["lastErrorAt"] = at.ToString("O", System.Globalization.CultureInfo.InvariantCulture) };
            return Task.FromResult(redis.FailOpen
                ? HealthCheckResult.Degraded("Redis does not answer; rate limits are not enforced (fail open)", data: data)
                : HealthCheckResult.Unhealthy("Redis does not answer; rate-limited routes answer 503 (fail closed)", data: data));
        }

        return Task.FromResult(HealthCheckResult.Healthy("Redis answers"));
    }
}
