using Stratus.Eureka;
using Stratus.Registry.Snapshots;

namespace Stratus.Registry.Tests.Leases;

public sealed class InstanceRegistryTests
{
    [Fact]
    public void Registration_is_visible_in_the_next_snapshot_and_snapshots_are_reused_until_a_change()
    {
        using var h = new RegistryHarness();
        var empty = h.Registry.GetSnapshot();

        h.Registry.Register(RegistryHarness.Instance("A", "a1"), isReplication: false);
        var first = h.Registry.GetSnapshot();
        h.Registry.Renew("A", "a1", isReplication: false);

        Assert.NotSame(empty, first);
        Assert.Same(first, h.Registry.GetSnapshot());
        Assert.Equal(["a1"], h.Ids());
    }

    [Fact]
    public void Renewal_of_unknown_instance_fails()
    {
        using var h = new RegistryHarness();

        Assert.False(h.Registry.Renew("A", "nope", isReplication: false));
    }

    [Fact]
    public void Reregistration_keeps_the_copy_with_the_newer_dirty_timestamp_and_the_service_up_time()
    {
        using var h = new RegistryHarness();
        h.Registry.Register(RegistryHarness.Instance("A", "a1", lastDirty: 2000) with { HostName = "newer" }, false);
        var upAt = h.Registry.GetInstance("A", "a1")!.LeaseInfo!.ServiceUpTimestamp;
        h.Time.Advance(TimeSpan.FromSeconds(10));

        h.Registry.Register(RegistryHarness.Instance("A", "a1", lastDirty: 1000) with { HostName = "older" }, false);

        var stored = h.Registry.GetInstance("A", "a1")!;
        Assert.Equal("newer", stored.HostName);
        Assert.Equal(upAt, stored.LeaseInfo!.ServiceUpTimestamp);
    }

    [Fact]
    public void Out_of_service_override_survives_renewal_and_reregistration_with_up()
    {
        using var h = new RegistryHarness();
        h.Registry.Register(RegistryHarness.Instance("A", "a1"), false);

        h.Registry.UpdateStatus("A", "a1", InstanceStatus.OutOfService, null);
        h.Registry.Renew("A", "a1", false);
        h.Registry.Register(RegistryHarness.Instance("A", "a1"), false);

        var stored = h.Registry.GetInstance("A", "a1")!;
        Assert.Equal(InstanceStatus.OutOfService, stored.Status);
        Assert.Equal(InstanceStatus.OutOfService, stored.OverriddenStatus);
    }

    [Fact]
    public void Client_reporting_down_is_believed_even_with_an_override()
    {
        using var h = new RegistryHarness();
        h.Registry.Register(RegistryHarness.Instance("A", "a1"), false);
        h.Registry.UpdateStatus("A", "a1", InstanceStatus.OutOfService, null);

        h.Registry.Register(RegistryHarness.Instance("A", "a1", InstanceStatus.Down), false);

        Assert.Equal(InstanceStatus.Down, h.Registry.GetInstance("A", "a1")!.Status);
    }

    [Fact]
    public void Deleting_the_override_without_a_value_makes_the_next_renewal_fail_so_the_client_reregisters()
    {
        using var h = new RegistryHarness();
        h.Registry.Register(RegistryHarness.Instance("A", "a1"), false);
        h.Registry.UpdateStatus("A", "a1", InstanceStatus.OutOfService, null);

        h.Registry.DeleteStatusOverride("A", "a1", InstanceStatus.Unknown, null);

        Assert.False(h.Registry.Renew("A", "a1", false));
        h.Registry.Register(RegistryHarness.Instance("A", "a1"), false);
        Assert.Equal(InstanceStatus.Up, h.Registry.GetInstance("A", "a1")!.Status);
        Assert.True(h.Registry.Renew("A", "a1", false));
    }

    [Fact]
    public void Delta_lists_changes_inside_the_retention_window_only()
    {
        using var h = new RegistryHarness();
        h.Registry.Register(RegistryHarness.Instance("A", "old"), false);
        h.Time.Advance(TimeSpan.FromMinutes(4));
        h.Registry.Register(RegistryHarness.Instance("A", "new"), false);
        h.Registry.Register(RegistryHarness.Instance("A", "gone"), false);
        h.Registry.Cancel("A", "gone", false);
        h.Registry.UpdateStatus("A", "new", InstanceStatus.Down, null);

        var delta = h.Registry.GetSnapshot().Delta;
        var actions = delta.Applications.Single().Instances.ToDictionary(i => i.InstanceId, i => i.ActionType);

        Assert.False(actions.ContainsKey("old"));
        Assert.Equal(ActionType.Modified, actions["new"]);
        Assert.Equal(ActionType.Deleted, actions["gone"]);
        Assert.Equal("DOWN_1_UP_1_", delta.AppsHashCode);
        Assert.Equal(h.Registry.GetSnapshot().Full.AppsHashCode, delta.AppsHashCode);
    }

    [Fact]
    public void Reconcile_hash_counts_statuses_in_alphabetical_order()
    {
        var apps = new[]
        {
            new EurekaApplication("A", [RegistryHarness.Instance("A", "1"), RegistryHarness.Instance("A", "2", InstanceStatus.Down)]),
            new EurekaApplication("B", [RegistryHarness.Instance("B", "3"), RegistryHarness.Instance("B", "4", InstanceStatus.OutOfService), RegistryHarness.Instance("B", "5", InstanceStatus.Starting)]),
        };

        Assert.Equal("DOWN_1_OUT_OF_SERVICE_1_STARTING_1_UP_2_", RegistrySnapshot.ReconcileHashCode(apps));
        Assert.Equal(string.Empty, RegistrySnapshot.ReconcileHashCode([]));
    }

    [Fact]
    public async Task Change_feed_wakes_a_waiter_and_times_out_on_the_fake_clock()
    {
        using var h = new RegistryHarness();
        var since = h.Feed.Version;
        var waiting = h.Feed.WaitForChangeAsync(since, TimeSpan.FromSeconds(30), h.Time, TestContext.Current.CancellationToken);

        Assert.False(waiting.IsCompleted);
        h.Registry.Register(RegistryHarness.Instance("A", "a1"), false);
        Assert.Equal(since + 1, await waiting);

        var idle = h.Feed.WaitForChangeAsync(h.Feed.Version, TimeSpan.FromSeconds(30), h.Time, TestContext.Current.CancellationToken);
        h.Time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(since + 1, await idle);
    }
}
