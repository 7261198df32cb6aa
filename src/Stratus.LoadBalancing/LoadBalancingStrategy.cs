namespace Stratus.LoadBalancing;

/// <summary>How an instance is chosen among a service's <c>UP</c> instances.</summary>
public enum LoadBalancingStrategy
{
    /// <summary>Each instance in turn, per service (the default, as Spring Cloud LoadBalancer).</summary>
    RoundRobin,

    /// <summary>An instance at random.</summary>
    Random,

    /// <summary>Two instances at random; the one with fewer requests in flight from this caller.</summary>
    PowerOfTwoChoices,

    /// <summary>Round robin over instances in the caller's zone; all instances when none there is available.</summary>
    ZonePreference,
}
