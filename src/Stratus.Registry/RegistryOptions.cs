using System.ComponentModel.DataAnnotations;

namespace Stratus.Registry;

/// <summary>Settings of the registry server, bound from <c>Stratus:Registry</c>.</summary>
public sealed class RegistryOptions
{
    /// <summary>Configuration section: <c>Stratus:Registry</c>.</summary>
    public const string SectionName = "Stratus:Registry";

    /// <summary>
    /// Stop evicting when fewer renewals arrive than expected (a network partition rather than dead instances).
    /// Default <see langword="true"/>. Spring: <c>eureka.server.enable-self-preservation</c>.
    /// </summary>
    public bool EnableSelfPreservation { get; set; } = true;

    /// <summary>
    /// Share of expected renewals per minute below which self-preservation starts, and the share of the registry
    /// that one eviction pass keeps. Default 0.85. Spring: <c>eureka.server.renewal-percent-threshold</c>.
    /// </summary>
    [Range(0.0, 1.0)]
    public double RenewalPercentThreshold { get; set; } = 0.85;

    /// <summary>How often expired leases are evicted. Default 60 seconds.</summary>
    public TimeSpan EvictionInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Renewal interval the self-preservation formula assumes for each client. Default 30 seconds.</summary>
    public TimeSpan ExpectedClientRenewalInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Lease expiry rule. Default <see cref="LeaseExpiry.Exact"/> (one lease, not Eureka's two).</summary>
    public LeaseExpiry LeaseExpiry { get; set; } = LeaseExpiry.Exact;

    /// <summary>Base URLs of the other registry nodes, for example <c>http://peer2:8761/eureka/</c>. Empty by default.</summary>
    public IList<string> PeerUrls { get; } = new List<string>();

    /// <summary>How long changes stay in the delta queue. Default 3 minutes (Eureka's <c>retentionTimeInMSInDeltaQueue</c>).</summary>
    public TimeSpan DeltaRetention { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Answer delta fetches with 403 so clients fall back to full fetches. Default <see langword="false"/>.</summary>
    public bool DisableDelta { get; set; }

    /// <summary>Longest time reads answer 403 while a starting node copies the registry from its peers. Default 30 seconds.</summary>
    public TimeSpan PeerSyncTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long replication batches gather before they are sent. Default 200 milliseconds.</summary>
    public TimeSpan ReplicationBatchDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Most items in one replication batch. Default 250 (Eureka's).</summary>
    [Range(1, 10_000)]
    public int ReplicationBatchSize { get; set; } = 250;

    /// <summary>Largest accepted request body, in bytes; larger bodies get 413. Default 1 MiB.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxRequestBodySize { get; set; } = 1024 * 1024;

    /// <summary>Longest a watch request waits for a change. Default 30 seconds; a request may ask for less.</summary>
    public TimeSpan WatchTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>User name that writes (register, renew, cancel, status, replication) require, with <see cref="Password"/>. None by default.</summary>
    public string? Username { get; set; }

    /// <summary>Password for <see cref="Username"/>. None by default.</summary>
    public string? Password { get; set; }

    /// <summary>Bearer token that writes accept instead of basic credentials. None by default.</summary>
    public string? BearerToken { get; set; }

    /// <summary>Serve the read-only dashboard at <c>/</c>. Default <see langword="true"/>.</summary>
    public bool EnableDashboard { get; set; } = true;

    /// <summary>Whether writes require credentials.</summary>
    internal bool RequiresAuthentication =>
        !string.IsNullOrEmpty(BearerToken) || (!string.IsNullOrEmpty(Username) && Password is not null);
}
