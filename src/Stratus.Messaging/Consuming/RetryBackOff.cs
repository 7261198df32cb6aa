namespace Stratus.Messaging.Consuming;

/// <summary>Spring Retry's exponential back-off: initial, times the multiplier after each failure, capped at the maximum.</summary>
internal static class RetryBackOff
{
    public static TimeSpan Delay(BindingOptions options, int failedAttempts)
    {
        var millis = options.BackOffInitialInterval.TotalMilliseconds * Math.Pow(options.BackOffMultiplier, failedAttempts - 1);
        return millis >= options.BackOffMaxInterval.TotalMilliseconds ? options.BackOffMaxInterval : TimeSpan.FromMilliseconds(millis);
    }
}
