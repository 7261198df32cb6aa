namespace Stratus.Gateway;

/// <summary>The Redis the <c>RequestRateLimiter</c> filter shares buckets through (<c>Stratus:Gateway:RateLimiter:Redis</c>).</summary>
public sealed class RateLimiterRedisOptions
{
    /// <summary>StackExchange.Redis configuration string, like <c>127.0.0.1:6379,password=…</c>. Default none: only in-process limits.</summary>
    public string? Configuration { get; set; }

    /// <summary>
    /// When Redis does not answer: <see langword="true"/> lets requests through (Spring's behaviour), <see langword="false"/>
    /// answers 503. Either way it is logged (at most every 10 seconds) and shown in health. Default <see langword="true"/>.
    /// </summary>
    public bool FailOpen { get; set; } = true;

    /// <summary>Longest wait for Redis (connect and each command). Default 1 second.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(1);
}
