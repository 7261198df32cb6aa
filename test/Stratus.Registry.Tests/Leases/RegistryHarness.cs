using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Stratus.Eureka;
using Stratus.Registry.Leases;
using Stratus.Registry.Watch;

namespace Stratus.Registry.Tests.Leases;

/// <summary>An <see cref="InstanceRegistry"/> and its eviction timers on a <see cref="FakeTimeProvider"/>.</summary>
internal sealed class RegistryHarness : IDisposable
{
    public RegistryHarness(Action<RegistryOptions>? configure = null)
    {
        var options = new RegistryOptions();
        configure?.Invoke(options);
        Options = new StaticMonitor(options);
        Registry = new InstanceRegistry(Time, Options, Feed, NullLogger<InstanceRegistry>.Instance);
        Eviction = new EvictionService(Registry, Time, Options);
        Eviction.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public RegistryChangeFeed Feed { get; } = new();

    public IOptionsMonitor<RegistryOptions> Options { get; }

    public InstanceRegistry Registry { get; }

    public EvictionService Eviction { get; }

    public static InstanceInfo Instance(string app, string id, InstanceStatus status = InstanceStatus.Up, long? lastDirty = null, int durationSecs = 90) => new()
    {
        InstanceId = id,
        App = app,
        HostName = "h",
        IpAddr = "10.0.0.1",
        Status = status,
        DataCenterInfo = DataCenterInfo.MyOwn,
        LeaseInfo = new LeaseInfo { DurationInSecs = durationSecs },
        LastDirtyTimestamp = lastDirty,
    };

    public IReadOnlyList<string> Ids() =>
        Registry.GetSnapshot().Full.Applications.SelectMany(a => a.Instances).Select(i => i.InstanceId).Order(StringComparer.Ordinal).ToArray();

    /// <summary>Renews every listed instance once per 30 s for <paramref name="duration"/>, moving the clock.</summary>
    public void RenewFor(TimeSpan duration, params string[] ids)
    {
        var end = Time.GetUtcNow() + duration;
        while (Time.GetUtcNow() < end)
        {
            Time.Advance(TimeSpan.FromSeconds(30));
            foreach (var id in ids)
            {
                Registry.Renew(id.Split('/')[0], id.Split('/')[1], isReplication: false);
            }
        }
    }

    public void Dispose() => Eviction.Dispose();

    private sealed class StaticMonitor(RegistryOptions value) : IOptionsMonitor<RegistryOptions>
    {
        public RegistryOptions CurrentValue => value;

        public RegistryOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<RegistryOptions, string?> listener) => null;
    }
}
