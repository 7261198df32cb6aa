using Stratus.Eureka;

namespace Stratus.Registry.Leases;

/// <summary>
/// The registry's record of one instance: its latest <see cref="InstanceInfo"/> and its lease clock.
/// Renewals touch only <see cref="LastRenewalTimestamp"/>, without a lock; every other change swaps <see cref="Holder"/>
/// under the registry's write lock.
/// </summary>
internal sealed class Lease
{
    private InstanceInfo _holder;
    private long _lastRenewalTimestamp;

    public Lease(InstanceInfo holder, long now, long durationMs)
    {
        _holder = holder;
        RegistrationTimestamp = now;
        _lastRenewalTimestamp = now;
        DurationMs = durationMs;
    }

    public InstanceInfo Holder
    {
        get => Volatile.Read(ref _holder);
        set => Volatile.Write(ref _holder, value);
    }

    public long RegistrationTimestamp { get; }

    public long LastRenewalTimestamp => Volatile.Read(ref _lastRenewalTimestamp);

    public long ServiceUpTimestamp { get; set; }

    public long EvictionTimestamp { get; set; }

    public long DurationMs { get; }

    public void Renew(long now) => Volatile.Write(ref _lastRenewalTimestamp, now);

    /// <summary>
    /// Whether the lease ran out. Exact mode: one duration after the last renewal. Eureka mode: Eureka's
    /// <c>renew()</c> stores now + duration and <c>isExpired()</c> adds the duration again, so two durations.
    /// </summary>
    public bool IsExpired(long now, long compensationMs, LeaseExpiry expiry)
    {
        var lifetime = expiry == LeaseExpiry.EurekaCompatible ? 2 * DurationMs : DurationMs;
        return EvictionTimestamp > 0 || now > LastRenewalTimestamp + lifetime + compensationMs;
    }

    /// <summary>The holder as clients see it: <c>leaseInfo</c> carries the server's lease figures.</summary>
    public InstanceInfo Decorate()
    {
        var holder = Holder;
        var declared = holder.LeaseInfo;
        return holder with
        {
            LeaseInfo = new LeaseInfo
            {
                RenewalIntervalInSecs = declared?.RenewalIntervalInSecs ?? LeaseInfo.DefaultRenewalIntervalInSecs,
                DurationInSecs = (int)(DurationMs / 1000),
                RegistrationTimestamp = RegistrationTimestamp,
                LastRenewalTimestamp = LastRenewalTimestamp,
                EvictionTimestamp = EvictionTimestamp,
                ServiceUpTimestamp = ServiceUpTimestamp,
            },
        };
    }
}
