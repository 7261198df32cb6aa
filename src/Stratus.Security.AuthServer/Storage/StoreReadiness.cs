namespace Stratus.Security.AuthServer.Storage;

/// <summary>
/// Whether the store is ready: schema created, configuration seeded and signing keys loaded. The server listens before
/// that work ends; requests that need the store wait for it (<see cref="StoreGate"/>).
/// </summary>
internal sealed class StoreReadiness
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the store is ready; faults when its preparation failed.</summary>
    public Task Ready => _ready.Task;

    public bool IsReady => _ready.Task.IsCompletedSuccessfully;

    /// <summary>Why preparing the store failed, or null.</summary>
    public Exception? Failure => _ready.Task.Exception?.InnerException;

    public void Succeeded() => _ready.TrySetResult();

    public void Failed(Exception exception)
    {
        _ready.TrySetException(exception);

        // Nobody may ever await the task (a server that no request reached); the failure is logged where it happened.
        _ = _ready.Task.Exception;
    }
}
