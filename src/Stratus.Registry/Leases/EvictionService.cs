using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Stratus.Registry.Leases;

/// <summary>
/// Timers of the registry: eviction every <see cref="RegistryOptions.EvictionInterval"/>, the renewals-per-minute
/// rotation and the delta-queue pruning. All run on the injected <see cref="TimeProvider"/>.
/// </summary>
internal sealed class EvictionService : IHostedService, IDisposable
{
    private readonly InstanceRegistry _registry;
    private readonly TimeProvider _time;
    private readonly IOptionsMonitor<RegistryOptions> _options;
    private ITimer? _eviction;
    private ITimer? _rate;
    private long _lastEviction;

    public EvictionService(InstanceRegistry registry, TimeProvider time, IOptionsMonitor<RegistryOptions> options)
    {
        _registry = registry;
        _time = time;
        _options = options;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var interval = _options.CurrentValue.EvictionInterval;
        _lastEviction = _time.GetUtcNow().ToUnixTimeMilliseconds();
        _eviction = _time.CreateTimer(_ => RunEviction(), null, interval, interval);
        _rate = _time.CreateTimer(_ => Rotate(), null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _eviction?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _rate?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _eviction?.Dispose();
        _rate?.Dispose();
    }

    /// <summary>
    /// One eviction pass. When the timer fires late (the process was paused, or the wall clock jumped forward),
    /// the lateness is added to every lease, so a resumed server does not evict instances that could not reach it.
    /// </summary>
    internal int RunEviction()
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var elapsed = now - Interlocked.Exchange(ref _lastEviction, now);
        var compensation = Math.Max(0, elapsed - (long)_options.CurrentValue.EvictionInterval.TotalMilliseconds);
        return _registry.Evict(compensation);
    }

    private void Rotate()
    {
        _registry.RotateRenewalRate();
        _registry.PruneRecentChanges();
    }
}
