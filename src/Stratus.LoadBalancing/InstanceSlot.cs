using Polly;
using Stratus.Discovery;

namespace Stratus.LoadBalancing;

/// <summary>
/// The caller's state for one instance: requests in flight (for power of two choices), the time until which its
/// circuit breaker keeps it out of rotation, and the breaker pipeline itself. Read without locks on the hot path.
/// </summary>
internal sealed class InstanceSlot(ServiceInstance instance)
{
    private int _inFlight;
    private long _blockedUntil;

    public ServiceInstance Instance { get; set; } = instance;

    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Per-instance pipeline: circuit breaker around the attempt time-out. Built on first use.</summary>
    public ResiliencePipeline<HttpResponseMessage>? Pipeline { get; set; }

    public bool IsAvailable(long now) => Volatile.Read(ref _blockedUntil) <= now;

    public void Block(long until) => Volatile.Write(ref _blockedUntil, until);

    public void Unblock() => Volatile.Write(ref _blockedUntil, 0);

    public void Enter() => Interlocked.Increment(ref _inFlight);

    public void Leave() => Interlocked.Decrement(ref _inFlight);
}
