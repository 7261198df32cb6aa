namespace Stratus.LoadBalancing;

/// <summary>Load balancing and resilience settings, bound from <c>Stratus:LoadBalancing</c>.</summary>
public sealed class LoadBalancingOptions
{
    /// <summary>Configuration section: <c>Stratus:LoadBalancing</c>.</summary>
    public const string SectionName = "Stratus:LoadBalancing";

    /// <summary>Strategy for services without their own. Default <see cref="LoadBalancingStrategy.RoundRobin"/>.</summary>
    public LoadBalancingStrategy Strategy { get; set; } = LoadBalancingStrategy.RoundRobin;

    /// <summary>The caller's zone for <see cref="LoadBalancingStrategy.ZonePreference"/>. Default: <c>Stratus:Discovery:Zone</c>.</summary>
    public string? Zone { get; set; }

    /// <summary>Resilience defaults for every service.</summary>
    public ResilienceSettings Resilience { get; set; } = new();

    /// <summary>Per-service settings, keyed by service name (case-insensitive).</summary>
    public IDictionary<string, ServiceLoadBalancingOptions> Services { get; } =
        new Dictionary<string, ServiceLoadBalancingOptions>(StringComparer.OrdinalIgnoreCase);
}

/// <summary>Settings of one service, under <c>Stratus:LoadBalancing:Services:{name}</c>.</summary>
public sealed class ServiceLoadBalancingOptions
{
    /// <summary>Strategy for this service; the default strategy when not set.</summary>
    public LoadBalancingStrategy? Strategy { get; set; }
}
