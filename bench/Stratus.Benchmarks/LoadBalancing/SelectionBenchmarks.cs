using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Stratus.Discovery;
using Stratus.LoadBalancing;

namespace Stratus.Benchmarks.LoadBalancing;

/// <summary>
/// Choosing an instance: each strategy against a baseline that only steps a shared counter over an array
/// (the least any lock-free round robin can do). Goal: under 50 ns and 0 B at 10 and 1,000 instances.
/// </summary>
[MemoryDiagnoser]
public class SelectionBenchmarks
{
    private ImmutableArray<ServiceInstance> _instances;
    private ServiceInstance[] _array = [];
    private ServiceBalancer _roundRobin = null!;
    private ServiceBalancer _random = null!;
    private ServiceBalancer _twoChoices = null!;
    private ServiceBalancer _zone = null!;
    private uint _counter;

    [Params(10, 1000)]
    public int Instances { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _instances = [.. Enumerable.Range(0, Instances).Select(i => new ServiceInstance("ORG", "i" + i, "10.0.0." + (i % 250), 8000 + i, false,
            new Dictionary<string, string> { ["zone"] = i % 2 == 0 ? "zone-a" : "zone-b" }))];
        _array = [.. _instances];
        _roundRobin = new ServiceBalancer("ORG", LoadBalancingStrategy.RoundRobin, null, TimeProvider.System);
        _random = new ServiceBalancer("ORG", LoadBalancingStrategy.Random, null, TimeProvider.System);
        _twoChoices = new ServiceBalancer("ORG", LoadBalancingStrategy.PowerOfTwoChoices, null, TimeProvider.System);
        _zone = new ServiceBalancer("ORG", LoadBalancingStrategy.ZonePreference, "zone-a", TimeProvider.System);
        foreach (var balancer in new[] { _roundRobin, _random, _twoChoices, _zone })
        {
            balancer.Choose(_instances);
        }
    }

    [Benchmark(Baseline = true, Description = "baseline: Interlocked counter over an array")]
    public ServiceInstance Baseline() => _array[Interlocked.Increment(ref _counter) % (uint)_array.Length];

    [Benchmark(Description = "round robin")]
    public object? RoundRobin() => _roundRobin.Choose(_instances);

    [Benchmark(Description = "random")]
    public object? Random() => _random.Choose(_instances);

    [Benchmark(Description = "power of two choices")]
    public object? TwoChoices() => _twoChoices.Choose(_instances);

    [Benchmark(Description = "zone preference")]
    public object? Zone() => _zone.Choose(_instances);
}
