namespace Stratus.Gateway;

/// <summary>Settings of one named circuit breaker (<c>Stratus:Gateway:CircuitBreakers:{name}</c>).</summary>
public sealed class CircuitBreakerSettings
{
    /// <summary>Share of failed calls in the sampling window that opens the breaker. Default 0.5.</summary>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Calls in the window before the ratio counts. Default 10.</summary>
    public int MinimumThroughput { get; set; } = 10;

    /// <summary>The sampling window. Default 30 seconds.</summary>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the breaker stays open before it lets a trial call through. Default 30 seconds.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
