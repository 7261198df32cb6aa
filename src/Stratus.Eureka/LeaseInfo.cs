namespace Stratus.Eureka;

/// <summary>Lease figures of an instance (<c>leaseInfo</c> on the wire). Timestamps are epoch milliseconds.</summary>
public sealed record LeaseInfo
{
    /// <summary>Default renewal interval: 30 seconds.</summary>
    public const int DefaultRenewalIntervalInSecs = 30;

    /// <summary>Default lease duration: 90 seconds.</summary>
    public const int DefaultDurationInSecs = 90;

    /// <summary>How often the client renews, in seconds. Default 30.</summary>
    public int RenewalIntervalInSecs { get; init; } = DefaultRenewalIntervalInSecs;

    /// <summary>How long a lease lives without renewal, in seconds. Default 90.</summary>
    public int DurationInSecs { get; init; } = DefaultDurationInSecs;

    /// <summary>When the server registered the instance (epoch ms).</summary>
    public long RegistrationTimestamp { get; init; }

    /// <summary>When the server last saw a renewal (epoch ms).</summary>
    public long LastRenewalTimestamp { get; init; }

    /// <summary>When the instance was evicted or cancelled (epoch ms), 0 while it lives.</summary>
    public long EvictionTimestamp { get; init; }

    /// <summary>When the instance first reported <c>UP</c> (epoch ms).</summary>
    public long ServiceUpTimestamp { get; init; }
}
