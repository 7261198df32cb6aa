using System.Collections.Immutable;
using Microsoft.Extensions.Time.Testing;
using Stratus.Discovery;

namespace Stratus.LoadBalancing.Tests;

/// <summary>The strategies, on the slot arrays they run on.</summary>
public sealed class SelectionTests
{
    private static ImmutableArray<ServiceInstance> Instances(int count, Func<int, string?>? zone = null) =>
        [.. Enumerable.Range(0, count).Select(i => new ServiceInstance("ORG", "i" + i, "127.0.0.1", 9000 + i, false,
            zone?.Invoke(i) is { } z ? new Dictionary<string, string> { ["zone"] = z } : null))];

    [Fact]
    public void Round_robin_takes_each_instance_in_turn()
    {
        var balancer = new ServiceBalancer("ORG", LoadBalancingStrategy.RoundRobin, null, new FakeTimeProvider());
        var instances = Instances(3);
        var picks = Enumerable.Range(0, 9).Select(_ => balancer.Choose(instances)!.Instance.InstanceId).ToList();
        Assert.Equal(3, picks.Distinct().Count());
        Assert.All(picks.GroupBy(p => p), g => Assert.Equal(3, g.Count()));
        Assert.Equal(picks.Take(3), picks.Skip(3).Take(3));
    }

    [Fact]
    public void Random_reaches_every_instance()
    {
        var balancer = new ServiceBalancer("ORG", LoadBalancingStrategy.Random, null, new FakeTimeProvider());
        var instances = Instances(4);
        var counts = Enumerable.Range(0, 4000).Select(_ => balancer.Choose(instances)!.Instance.InstanceId).GroupBy(p => p).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(4, counts.Count);
        Assert.All(counts.Values, c => Assert.InRange(c, 700, 1300));
    }

    [Fact]
    public void Power_of_two_choices_avoids_the_busier_instance()
    {
        var balancer = new ServiceBalancer("ORG", LoadBalancingStrategy.PowerOfTwoChoices, null, new FakeTimeProvider());
        var instances = Instances(2);
        var busy = balancer.Choose(instances)!;
        for (var i = 0; i < 5; i++)
        {
            busy.Enter();
        }

        Assert.All(Enumerable.Range(0, 50), _ => Assert.NotSame(busy, balancer.Choose(instances)));
    }

    [Fact]
    public void Zone_preference_stays_in_the_callers_zone_and_falls_back_when_it_is_empty_or_blocked()
    {
        var time = new FakeTimeProvider();
        var balancer = new ServiceBalancer("ORG", LoadBalancingStrategy.ZonePreference, "zone-a", time);
        var instances = Instances(4, i => i < 2 ? "zone-a" : "zone-b");
        Assert.All(Enumerable.Range(0, 20), _ => Assert.Equal("zone-a", balancer.Choose(instances)!.Instance.Zone));

        foreach (var slot in balancer.Slots.Where(s => s.Instance.Zone == "zone-a"))
        {
            slot.Block(time.GetTimestamp() + time.TimestampFrequency * 10);
        }

        Assert.All(Enumerable.Range(0, 20), _ => Assert.Equal("zone-b", balancer.Choose(instances)!.Instance.Zone));

        var elsewhere = new ServiceBalancer("ORG", LoadBalancingStrategy.ZonePreference, "zone-z", time);
        Assert.Equal(4, Enumerable.Range(0, 8).Select(_ => elsewhere.Choose(instances)!.Instance.InstanceId).Distinct().Count());
    }

    [Theory]
    [InlineData(LoadBalancingStrategy.RoundRobin)]
    [InlineData(LoadBalancingStrategy.Random)]
    [InlineData(LoadBalancingStrategy.PowerOfTwoChoices)]
    public void A_blocked_instance_is_skipped_until_its_break_ends(LoadBalancingStrategy strategy)
    {
        var time = new FakeTimeProvider();
        var balancer = new ServiceBalancer("ORG", strategy, null, time);
        var instances = Instances(3);
        balancer.Choose(instances);
        var blocked = balancer.Slots[1];
        blocked.Block(time.GetTimestamp() + time.TimestampFrequency * 5);

        Assert.All(Enumerable.Range(0, 60), _ => Assert.NotSame(blocked, balancer.Choose(instances)));

        time.Advance(TimeSpan.FromSeconds(6));
        Assert.Contains(Enumerable.Range(0, 60).Select(_ => balancer.Choose(instances)), s => ReferenceEquals(s, blocked));
    }

    [Fact]
    public void A_retry_avoids_the_instances_already_tried()
    {
        var balancer = new ServiceBalancer("ORG", LoadBalancingStrategy.Random, null, new FakeTimeProvider());
        var instances = Instances(3);
        var first = balancer.Choose(instances)!;
        var tried = new TriedInstances();
        tried.Add(first);
        Assert.All(Enumerable.Range(0, 50), _ => Assert.NotSame(first, balancer.Choose(instances, tried)));
    }

    [Fact]
    public void Slots_survive_a_view_change_and_only_up_instances_are_chosen()
    {
        var balancer = new ServiceBalancer("ORG", LoadBalancingStrategy.RoundRobin, null, new FakeTimeProvider());
        var instances = Instances(3);
        balancer.Choose(instances);
        var kept = balancer.Slots[2];
        kept.Enter();

        var fewer = instances.RemoveAt(0);
        balancer.Choose(fewer);
        Assert.Equal(2, balancer.Slots.Length);
        Assert.Same(kept, balancer.Slots.Single(s => s.Instance.InstanceId == "i2"));
        Assert.Equal(1, kept.InFlight);
        Assert.Null(balancer.Choose([]));
    }
}
