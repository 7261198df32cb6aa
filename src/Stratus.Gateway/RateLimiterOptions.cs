namespace Stratus.Gateway;

/// <summary>Settings of the <c>RequestRateLimiter</c> filter (<c>Stratus:Gateway:RateLimiter</c>).</summary>
public sealed class RateLimiterOptions
{
    /// <summary>The Redis that shares buckets between gateway instances (<c>redis-rate-limiter.*</c> arguments).</summary>
    public RateLimiterRedisOptions Redis { get; } = new();
}
