namespace Stratus.Registry.Tests.Leases;

public sealed class EvictionTests
{
    [Fact]
    public void Exact_expiry_evicts_one_lease_duration_after_the_last_renewal()
    {
        using var h = new RegistryHarness(o => { o.EnableSelfPreservation = false; o.EvictionInterval = TimeSpan.FromSeconds(1); });
        h.Registry.Register(RegistryHarness.Instance("A", "a1", durationSecs: 10), false);

        for (var i = 0; i < 10; i++)
        {
            h.Time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(["a1"], h.Ids());
        h.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Empty(h.Ids());
    }

    [Fact]
    public void Eureka_compatible_expiry_keeps_an_instance_about_two_lease_durations()
    {
        using var h = new RegistryHarness(o =>
        {
            o.EnableSelfPreservation = false;
            o.EvictionInterval = TimeSpan.FromSeconds(1);
            o.LeaseExpiry = LeaseExpiry.EurekaCompatible;
        });
        h.Registry.Register(RegistryHarness.Instance("A", "a1", durationSecs: 10), false);

        for (var i = 0; i < 20; i++)
        {
            h.Time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(["a1"], h.Ids());
        h.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Empty(h.Ids());
    }

    [Fact]
    public void Self_preservation_holds_evictions_while_renewals_are_below_the_threshold()
    {
        using var h = new RegistryHarness(o => o.EvictionInterval = TimeSpan.FromSeconds(60));
        for (var i = 0; i < 10; i++)
        {
            h.Registry.Register(RegistryHarness.Instance("A", $"a{i}"), false);
        }

        // (int)(10 instances x 60/30 x 0.85) = 17 renewals a minute are expected; none arrive.
        Assert.Equal(17, h.Registry.RenewsPerMinThreshold);
        h.Time.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(10, h.Ids().Count);
        Assert.True(h.Registry.IsSelfPreservationActive);
    }

    [Fact]
    public void Dead_instances_are_evicted_when_the_rest_renew_above_the_threshold()
    {
        using var h = new RegistryHarness(o => o.EvictionInterval = TimeSpan.FromSeconds(60));
        var live = Enumerable.Range(0, 19).Select(i => $"A/live{i}").ToArray();
        foreach (var id in live)
        {
            h.Registry.Register(RegistryHarness.Instance("A", id[2..]), false);
        }

        h.Registry.Register(RegistryHarness.Instance("A", "dead"), false);
        h.RenewFor(TimeSpan.FromMinutes(4), live);

        Assert.DoesNotContain("dead", h.Ids());
        Assert.Equal(19, h.Ids().Count);
        Assert.False(h.Registry.IsSelfPreservationActive);
    }

    [Fact]
    public void One_pass_evicts_at_most_fifteen_percent_of_the_registry()
    {
        using var h = new RegistryHarness(o => { o.EnableSelfPreservation = false; o.EvictionInterval = TimeSpan.FromSeconds(60); });
        for (var i = 0; i < 20; i++)
        {
            h.Registry.Register(RegistryHarness.Instance("A", $"a{i}"), false);
        }

        h.Time.Advance(TimeSpan.FromSeconds(91));
        var evicted = h.Eviction.RunEviction();

        // 20 - (int)(20 x 0.85) = 3
        Assert.Equal(3, evicted);
        Assert.Equal(17, h.Ids().Count);
    }

    [Fact]
    public void A_paused_server_does_not_mass_evict_on_resume()
    {
        using var h = new RegistryHarness(o => { o.EnableSelfPreservation = false; o.EvictionInterval = TimeSpan.FromSeconds(60); });
        h.Registry.Register(RegistryHarness.Instance("A", "a1"), false);
        h.Registry.Register(RegistryHarness.Instance("A", "a2"), false);

        // The process sleeps for ten minutes: the eviction timer fires once, ten minutes late.
        h.Time.AdjustTime(h.Time.GetUtcNow() + TimeSpan.FromMinutes(10));
        Assert.Equal(0, h.Eviction.RunEviction());
        Assert.Equal(2, h.Ids().Count);

        // Clients reconnect and renew; one of them never comes back.
        h.RenewFor(TimeSpan.FromMinutes(3), "A/a1");
        Assert.Equal(["a1"], h.Ids());
    }

    [Fact]
    public void A_forward_clock_jump_is_compensated_like_a_pause()
    {
        using var h = new RegistryHarness(o => { o.EnableSelfPreservation = false; o.EvictionInterval = TimeSpan.FromSeconds(60); });
        h.Registry.Register(RegistryHarness.Instance("A", "a1"), false);
        h.Time.Advance(TimeSpan.FromSeconds(60));
        h.Registry.Renew("A", "a1", false);

        h.Time.AdjustTime(h.Time.GetUtcNow() + TimeSpan.FromHours(2));
        h.Time.Advance(TimeSpan.FromSeconds(60));

        Assert.Equal(["a1"], h.Ids());
    }
}
