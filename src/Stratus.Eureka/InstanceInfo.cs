namespace Stratus.Eureka;

/// <summary>
/// One registered instance, field for field as Eureka's <c>InstanceInfo</c> carries it on the wire.
/// Immutable: the registry swaps a new record in on every change.
/// </summary>
public sealed record InstanceInfo
{
    /// <summary>Unique id within the app, for example <c>host1:customers:8080</c>. Required.</summary>
    public required string InstanceId { get; init; }

    /// <summary>Application name, upper case on the wire (<c>app</c>). Required.</summary>
    public required string App { get; init; }

    /// <summary>Optional application group (<c>appGroupName</c>).</summary>
    public string? AppGroupName { get; init; }

    /// <summary>IP address (<c>ipAddr</c>). Required.</summary>
    public required string IpAddr { get; init; }

    /// <summary>Deprecated Netflix <c>sid</c>; <c>na</c> by default and then not written.</summary>
    public string? Sid { get; init; }

    /// <summary>Host name (<c>hostName</c>). Required.</summary>
    public required string HostName { get; init; }

    /// <summary>Status reported by the instance or forced by an override. Default <c>UP</c>.</summary>
    public InstanceStatus Status { get; init; } = InstanceStatus.Up;

    /// <summary>Status override set through the admin API; <c>UNKNOWN</c> means none.</summary>
    public InstanceStatus OverriddenStatus { get; init; } = InstanceStatus.Unknown;

    /// <summary>Plain HTTP port. Eureka's default is 7001.</summary>
    public int Port { get; init; } = 7001;

    /// <summary>Whether the plain port is enabled (<c>@enabled</c>). Default <see langword="true"/>.</summary>
    public bool PortEnabled { get; init; } = true;

    /// <summary>TLS port. Eureka's default is 7002.</summary>
    public int SecurePort { get; init; } = 7002;

    /// <summary>Whether the TLS port is enabled. Default <see langword="false"/>.</summary>
    public bool SecurePortEnabled { get; init; }

    /// <summary>Country id; always 1 in practice.</summary>
    public int CountryId { get; init; } = 1;

    /// <summary>Data center info; the server rejects a registration without it.</summary>
    public DataCenterInfo? DataCenterInfo { get; init; }

    /// <summary>Lease figures; <see langword="null"/> when the client sent none.</summary>
    public LeaseInfo? LeaseInfo { get; init; }

    /// <summary>Free-form metadata, in the order received.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = EmptyMetadata;

    /// <summary>Home page URL.</summary>
    public string? HomePageUrl { get; init; }

    /// <summary>Status (info) page URL.</summary>
    public string? StatusPageUrl { get; init; }

    /// <summary>Health check URL.</summary>
    public string? HealthCheckUrl { get; init; }

    /// <summary>Health check URL over TLS.</summary>
    public string? SecureHealthCheckUrl { get; init; }

    /// <summary>Virtual host name clients look the instance up by (<c>vipAddress</c>).</summary>
    public string? VipAddress { get; init; }

    /// <summary>Secure virtual host name (<c>secureVipAddress</c>).</summary>
    public string? SecureVipAddress { get; init; }

    /// <summary>Whether this instance is itself a discovery server; a string on the wire.</summary>
    public bool IsCoordinatingDiscoveryServer { get; init; }

    /// <summary>When the server last changed this record (epoch ms); a string on the wire.</summary>
    public long? LastUpdatedTimestamp { get; init; }

    /// <summary>When the client last changed its own record (epoch ms); drives conflict rules.</summary>
    public long? LastDirtyTimestamp { get; init; }

    /// <summary>What happened to the instance, in deltas and fetches.</summary>
    public ActionType? ActionType { get; init; }

    /// <summary>Amazon auto-scaling group name.</summary>
    public string? AsgName { get; init; }

    internal static IReadOnlyDictionary<string, string> EmptyMetadata { get; } = new Dictionary<string, string>();
}
