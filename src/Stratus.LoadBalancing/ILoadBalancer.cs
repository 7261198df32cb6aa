using Stratus.Discovery;

namespace Stratus.LoadBalancing;

/// <summary>Chooses an instance of a service, by the service's strategy, skipping instances whose breaker is open.</summary>
public interface ILoadBalancer
{
    /// <summary>Chooses an instance of a service.</summary>
    /// <param name="serviceId">The logical name.</param>
    /// <returns>The instance, or <see langword="null"/> when the service has no <c>UP</c> instance.</returns>
    ServiceInstance? Choose(string serviceId);
}
