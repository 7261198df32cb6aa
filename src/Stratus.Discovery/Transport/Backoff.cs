namespace Stratus.Discovery;

/// <summary>Retries a registry operation until it succeeds: after 1 s, then doubling up to a cap.</summary>
internal static class Backoff
{
    public static async Task UntilSuccessAsync(Func<CancellationToken, Task<bool>> attempt, TimeSpan cap, TimeProvider time, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!cancellationToken.IsCancellationRequested && !await attempt(cancellationToken).ConfigureAwait(false))
        {
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, cap.Ticks));
        }
    }
}
