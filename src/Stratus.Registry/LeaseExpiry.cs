namespace Stratus.Registry;

/// <summary>How long an instance lives after its last renewal.</summary>
public enum LeaseExpiry
{
    /// <summary>Expire after exactly one lease duration (default).</summary>
    Exact,

    /// <summary>Eureka's behaviour: its renew adds the duration twice, so leases live about two durations.</summary>
    EurekaCompatible,
}
