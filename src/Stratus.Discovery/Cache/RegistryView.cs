using System.Collections.Frozen;
using System.Collections.Immutable;
using Stratus.Eureka;

namespace Stratus.Discovery;

/// <summary>An immutable view of the registry: every instance by app, and the <c>UP</c> ones ready for callers.</summary>
internal sealed class RegistryView
{
    public static readonly RegistryView Empty = new(
        new Dictionary<string, EurekaApplication>(StringComparer.OrdinalIgnoreCase), FrozenDictionary<string, ImmutableArray<ServiceInstance>>.Empty,
        string.Empty, 0, 0);

    private RegistryView(
        Dictionary<string, EurekaApplication> apps,
        FrozenDictionary<string, ImmutableArray<ServiceInstance>> up,
        string hashCode,
        long registryVersion,
        long sequence)
    {
        Apps = apps;
        Up = up;
        HashCode = hashCode;
        RegistryVersion = registryVersion;
        Sequence = sequence;
    }

    /// <summary>All instances (any status), keyed by app name, case-insensitive.</summary>
    public Dictionary<string, EurekaApplication> Apps { get; }

    /// <summary><c>UP</c> instances per app, keyed case-insensitively.</summary>
    public FrozenDictionary<string, ImmutableArray<ServiceInstance>> Up { get; }

    /// <summary>Reconcile hash of <see cref="Apps"/>.</summary>
    public string HashCode { get; }

    /// <summary>The registry's version (<c>versions__delta</c>) when it is a number; 0 otherwise.</summary>
    public long RegistryVersion { get; }

    /// <summary>Local counter, raised by every published change.</summary>
    public long Sequence { get; }

    public int InstanceCount => Apps.Values.Sum(app => app.Instances.Count);

    /// <summary>
    /// Builds the next view. Apps whose <c>UP</c> instances did not change keep the previous array, so per-array
    /// caches of load balancers stay valid.
    /// </summary>
    public static RegistryView Build(Dictionary<string, EurekaApplication> apps, long registryVersion, RegistryView previous)
    {
        var up = new Dictionary<string, ImmutableArray<ServiceInstance>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, app) in apps)
        {
            var builder = ImmutableArray.CreateBuilder<ServiceInstance>(app.Instances.Count);
            foreach (var info in app.Instances)
            {
                if (info.Status == InstanceStatus.Up && IsReachable(info))
                {
                    builder.Add(ServiceInstance.FromEureka(info));
                }
            }

            if (builder.Count == 0)
            {
                continue;
            }

            builder.Sort(static (a, b) => string.CompareOrdinal(a.InstanceId, b.InstanceId));
            var fresh = builder.DrainToImmutable();
            up[name] = previous.Up.TryGetValue(name, out var old) && Same(old, fresh) ? old : fresh;
        }

        var hash = ReconcileHash.Compute(apps.Values);
        var changed = up.Count != previous.Up.Count || up.Any(pair => !previous.Up.TryGetValue(pair.Key, out var old) || old != pair.Value);
        return new RegistryView(apps, up.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase), hash, registryVersion,
            changed ? previous.Sequence + 1 : previous.Sequence);
    }

    /// <summary>An instance a caller can connect to: it has a host and a port in range (lenient reading lets others through).</summary>
    private static bool IsReachable(InstanceInfo info)
    {
        var port = info.SecurePortEnabled ? info.SecurePort : info.Port;
        return !string.IsNullOrWhiteSpace(info.HostName) && !string.IsNullOrEmpty(info.InstanceId) && port is > 0 and <= 65535;
    }

    private static bool Same(ImmutableArray<ServiceInstance> old, ImmutableArray<ServiceInstance> fresh)
    {
        if (old.Length != fresh.Length)
        {
            return false;
        }

        for (var i = 0; i < old.Length; i++)
        {
            if (!old[i].SameAs(fresh[i]))
            {
                return false;
            }
        }

        return true;
    }
}
