namespace Stratus.Config;

/// <summary>Retries of the first fetch with fail-fast; Spring's defaults (<c>spring.cloud.config.retry.*</c>).</summary>
public sealed class ConfigClientRetryOptions
{
    /// <summary>Attempts in all, the first included. Default 6. Spring: <c>max-attempts</c>.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>Wait after the first failed attempt. Default 1 second. Spring: <c>initial-interval</c> (milliseconds).</summary>
    public TimeSpan InitialInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Factor applied to the wait after each further failure. Default 1.1. Spring: <c>multiplier</c>.</summary>
    public double Multiplier { get; set; } = 1.1;

    /// <summary>Longest wait between attempts. Default 2 seconds. Spring: <c>max-interval</c> (milliseconds).</summary>
    public TimeSpan MaxInterval { get; set; } = TimeSpan.FromSeconds(2);
}
