namespace Stratus.Bench.Messaging;

/// <summary>
/// Times how long a running consumer takes to handle a backlog: the run's first delivery waits at the gate while the
/// backlog is published; once it is all in the queue, the clock starts and the gate opens, and it stops when the
/// expected count has been handled (before that last message's ack or commit, on both sides).
/// </summary>
internal sealed class Drain(int expected)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _handled;

    /// <summary>Called by a handler before its work; waits only while the gate is closed.</summary>
    public ValueTask EnterAsync()
    {
        if (_gate.Task.IsCompleted)
        {
            return ValueTask.CompletedTask;
        }

        _first.TrySetResult();
        return new ValueTask(_gate.Task);
    }

    /// <summary>Called by a handler after its work.</summary>
    public void Handled()
    {
        if (Interlocked.Increment(ref _handled) == expected)
        {
            _done.TrySetResult();
        }
    }

    public async Task<RunTime> MeasureAsync()
    {
        await _first.Task.WaitAsync(Timeout);
        var timer = RunTime.Start();
        _gate.TrySetResult();
        try
        {
            await _done.Task.WaitAsync(Timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Only {Volatile.Read(ref _handled)} of {expected} messages were handled within {Timeout}.");
        }

        return timer.Stop();
    }
}
