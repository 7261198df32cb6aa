namespace Stratus.Registry.Watch;

/// <summary>
/// Wakes watchers when the registry version moves. Each change completes the current task and swaps in a new
/// one, so waiting costs one shared task and no polling.
/// </summary>
internal sealed class RegistryChangeFeed
{
    private TaskCompletionSource<long> _next = NewSource();
    private long _version;

    public long Version => Interlocked.Read(ref _version);

    public void Publish(long version)
    {
        Interlocked.Exchange(ref _version, version);
        var previous = Interlocked.Exchange(ref _next, NewSource());
        previous.TrySetResult(version);
    }

    /// <summary>Returns the current version as soon as it is above <paramref name="since"/>, or when the wait ends.</summary>
    public async Task<long> WaitForChangeAsync(long since, TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var next = Volatile.Read(ref _next);
        var current = Version;
        if (current > since || current < since)
        {
            // Newer, or a version from before a restart: answer at once so the caller resynchronises.
            return current;
        }

        try
        {
            return await next.Task.WaitAsync(timeout, timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return Version;
        }
    }

    private static TaskCompletionSource<long> NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
