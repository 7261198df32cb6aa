using System.Collections.Immutable;
using Stratus.Discovery;

namespace Stratus.LoadBalancing;

/// <summary>
/// Chooses among the <c>UP</c> instances of one service. The slot array is rebuilt only when discovery hands out
/// a new instance array; choosing reads it without locks and allocates nothing.
/// </summary>
internal sealed class ServiceBalancer
{
    private readonly TimeProvider _time;
    private readonly string? _zone;
    private State _state;
    private uint _counter;

    public ServiceBalancer(string serviceId, LoadBalancingStrategy strategy, string? zone, TimeProvider time)
    {
        ServiceId = serviceId;
        Strategy = strategy;
        _zone = string.IsNullOrEmpty(zone) ? null : zone;
        _time = time;
        _state = new State(default, [], []);
    }

    public string ServiceId { get; }

    public LoadBalancingStrategy Strategy { get; }

    /// <summary>The service's resilience pipeline, built on first use.</summary>
    public Polly.ResiliencePipeline<HttpResponseMessage>? Pipeline { get; set; }

    /// <summary>The slots of the current instances.</summary>
    public InstanceSlot[] Slots => Volatile.Read(ref _state).All;

    /// <summary>Chooses an instance; <see langword="null"/> when the service has none.</summary>
    /// <param name="instances">The service's instances as discovery has them now.</param>
    /// <param name="tried">Instances an earlier attempt of this call went to, avoided when others are available.</param>
    public InstanceSlot? Choose(ImmutableArray<ServiceInstance> instances, TriedInstances? tried = null)
    {
        var state = Volatile.Read(ref _state);
        if (state.Source != instances)
        {
            state = Refresh(state, instances);
        }

        var all = state.All;
        var n = all.Length;
        if (n == 0)
        {
            return null;
        }

        var now = _time.GetTimestamp();
        switch (Strategy)
        {
            case LoadBalancingStrategy.Random:
                return Probe(all, (uint)System.Random.Shared.Next(n), now, tried) ?? all[System.Random.Shared.Next(n)];

            case LoadBalancingStrategy.PowerOfTwoChoices:
                return TwoChoices(all, now, tried);

            case LoadBalancingStrategy.ZonePreference:
                var start = Interlocked.Increment(ref _counter);
                var local = state.Local;
                return (local.Length > 0 ? Probe(local, start, now, tried) : null)
                    ?? Probe(all, start, now, tried)
                    ?? all[start % (uint)n];

            default:
                var next = Interlocked.Increment(ref _counter);
                return Probe(all, next, now, tried) ?? all[next % (uint)n];
        }
    }

    private static InstanceSlot? Probe(InstanceSlot[] slots, uint start, long now, TriedInstances? tried)
    {
        var n = (uint)slots.Length;
        InstanceSlot? fallback = null;
        for (uint i = 0; i < n; i++)
        {
            var slot = slots[(start + i) % n];
            if (slot.IsAvailable(now))
            {
                if (tried is null || !tried.Contains(slot))
                {
                    return slot;
                }

                fallback ??= slot;
            }
        }

        return fallback;
    }

    private static InstanceSlot? TwoChoices(InstanceSlot[] all, long now, TriedInstances? tried)
    {
        var n = all.Length;
        if (n == 1)
        {
            return all[0];
        }

        var first = System.Random.Shared.Next(n);
        var second = System.Random.Shared.Next(n - 1);
        if (second >= first)
        {
            second++;
        }

        var a = all[first];
        var b = all[second];
        var aOk = a.IsAvailable(now) && (tried is null || !tried.Contains(a));
        var bOk = b.IsAvailable(now) && (tried is null || !tried.Contains(b));
        if (aOk && bOk)
        {
            return b.InFlight < a.InFlight ? b : a;
        }

        if (aOk)
        {
            return a;
        }

        if (bOk)
        {
            return b;
        }

        return Probe(all, (uint)first, now, tried) ?? a;
    }

    private State Refresh(State old, ImmutableArray<ServiceInstance> instances)
    {
        // Keep each instance's slot (in-flight count, breaker) across view changes.
        var byId = new Dictionary<string, InstanceSlot>(old.All.Length, StringComparer.Ordinal);
        foreach (var slot in old.All)
        {
            byId[slot.Instance.InstanceId] = slot;
        }

        var all = new InstanceSlot[instances.Length];
        var local = new List<InstanceSlot>();
        for (var i = 0; i < instances.Length; i++)
        {
            var instance = instances[i];
            if (byId.TryGetValue(instance.InstanceId, out var slot) && slot.Instance.Uri == instance.Uri)
            {
                slot.Instance = instance;
            }
            else
            {
                slot = new InstanceSlot(instance);
            }

            all[i] = slot;
            if (_zone is not null && string.Equals(instance.Zone, _zone, StringComparison.OrdinalIgnoreCase))
            {
                local.Add(slot);
            }
        }

        var state = new State(instances, all, [.. local]);
        Interlocked.CompareExchange(ref _state, state, old);
        return state;
    }

    private sealed record State(ImmutableArray<ServiceInstance> Source, InstanceSlot[] All, InstanceSlot[] Local);
}

/// <summary>The instances earlier attempts of one call went to; made only when a call is retried.</summary>
internal sealed class TriedInstances
{
    private readonly List<InstanceSlot> _slots = new(3);

    public void Add(InstanceSlot slot) => _slots.Add(slot);

    public bool Contains(InstanceSlot slot) => _slots.Contains(slot);
}
