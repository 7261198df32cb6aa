namespace Stratus.ConfigServer.Refresh;

/// <summary>Wakes every waiting watcher at once when the served configuration changes. Waiting costs one shared task.</summary>
internal sealed class ConfigChangeFeed
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _watchers;

    public int Watchers => Volatile.Read(ref _watchers);

    /// <summary>A task that completes at the next change.</summary>
    public Task NextChange => Volatile.Read(ref _next).Task;

    public void Publish() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    public bool TryEnter(int max)
    {
        if (Interlocked.Increment(ref _watchers) <= max)
        {
            return true;
        }

        Interlocked.Decrement(ref _watchers);
        return false;
    }

    public void Leave() => Interlocked.Decrement(ref _watchers);
}
