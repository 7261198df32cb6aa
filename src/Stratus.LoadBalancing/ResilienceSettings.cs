namespace Stratus.LoadBalancing;

/// <summary>
/// Resilience of calls to one service. Defaults apply to every service (<c>Stratus:LoadBalancing:Resilience</c>);
/// <c>Stratus:LoadBalancing:Services:{name}:Resilience</c> overrides them per service.
/// </summary>
public sealed class ResilienceSettings
{
    /// <summary>Time limit of a whole call, retries included. Default 30 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time limit of one attempt on one instance. Default 10 seconds.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries after the first attempt, each on another instance when there is one. Default 2; 0 turns retry off.</summary>
    public int MaxRetryAttempts { get; set; } = 2;

    /// <summary>Base delay before a retry; grows exponentially, with jitter. Default 50 milliseconds.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Retry PUT and DELETE too (idempotent by HTTP's definition, but not always by the service's). Default <see langword="false"/>.</summary>
    public bool RetryPutAndDelete { get; set; }

    /// <summary>
    /// Retry any method when the connection was refused, so the request never reached the instance. Default
    /// <see langword="true"/>; a POST that reached an instance is never sent twice.
    /// </summary>
    public bool RetryOnConnectFailure { get; set; } = true;

    /// <summary>Share of failed calls to one instance, within <see cref="SamplingDuration"/>, that opens its breaker. Default 0.5.</summary>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Fewest calls to one instance within <see cref="SamplingDuration"/> before its breaker may open. Default 5.</summary>
    public int MinimumThroughput { get; set; } = 5;

    /// <summary>Window over which an instance's failures are counted. Default 10 seconds.</summary>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long an instance with an open breaker stays out of rotation before one trial call. Default 15 seconds.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Most calls to the service in flight at once (bulkhead); 0 means no limit. Default 0.</summary>
    public int MaxConcurrentRequests { get; set; }

    /// <summary>Calls allowed to wait for a bulkhead slot. Default 0.</summary>
    public int MaxQueuedRequests { get; set; }

    /// <summary>Most calls to the service per second (token bucket); 0 means no limit. Default 0.</summary>
    public int PermitsPerSecond { get; set; }
}
