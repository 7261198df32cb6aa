using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Stratus.Eureka;
using Stratus.Registry;
using Stratus.Registry.Leases;
using Stratus.Registry.Watch;

namespace Stratus.Benchmarks.Leases;

/// <summary>The renewal path of the registry against the least it could do: two dictionary lookups and a timestamp write.</summary>
[MemoryDiagnoser]
public class RenewBenchmarks
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, long[]>> _baseline = new(StringComparer.OrdinalIgnoreCase);
    private InstanceRegistry _registry = null!;
    private string[] _apps = null!;
    private string[] _ids = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _registry = new InstanceRegistry(TimeProvider.System, new Monitor(new RegistryOptions()), new RegistryChangeFeed(), NullLogger<InstanceRegistry>.Instance);
        _apps = new string[1000];
        _ids = new string[1000];
        for (var i = 0; i < 1000; i++)
        {
            _apps[i] = "APP" + (i % 10);
            _ids[i] = "inst-" + i;
            _registry.Register(new InstanceInfo { InstanceId = _ids[i], App = _apps[i], HostName = "h", IpAddr = "10.0.0.1", DataCenterInfo = DataCenterInfo.MyOwn }, false);
            _baseline.GetOrAdd(_apps[i], _ => new(StringComparer.Ordinal))[_ids[i]] = new long[1];
        }
    }

    [Benchmark(Baseline = true)]
    public bool Dictionary_lookup_and_timestamp_write()
    {
        var i = _next++ % 1000;
        if (_baseline.TryGetValue(_apps[i], out var leases) && leases.TryGetValue(_ids[i], out var stamp))
        {
            Volatile.Write(ref stamp[0], TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds());
            return true;
        }

        return false;
    }

    [Benchmark]
    public bool Registry_renew()
    {
        var i = _next++ % 1000;
        return _registry.Renew(_apps[i], _ids[i], isReplication: false);
    }

    [Benchmark]
    public int Renew_with_dirty_timestamp_rules()
    {
        var i = _next++ % 1000;
        return RenewalRules.Renew(_registry, _apps[i], _ids[i], lastDirty: 1, overridden: null, isReplication: false).StatusCode;
    }

    private sealed class Monitor(RegistryOptions value) : IOptionsMonitor<RegistryOptions>
    {
        public RegistryOptions CurrentValue => value;

        public RegistryOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<RegistryOptions, string?> listener) => null;
    }
}
