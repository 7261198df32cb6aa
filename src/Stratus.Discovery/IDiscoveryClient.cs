using System.Collections.Immutable;
using Microsoft.Extensions.Primitives;

namespace Stratus.Discovery;

/// <summary>The client's view of the registry: which instances of which services are up.</summary>
public interface IDiscoveryClient
{
    /// <summary>Names of the services the registry lists.</summary>
    IReadOnlyCollection<string> Services { get; }

    /// <summary>Version of the view; changes whenever any service's instances change.</summary>
    long Version { get; }

    /// <summary>
    /// The <c>UP</c> instances of a service (case-insensitive name), in a stable order. The same array comes back
    /// until that service's instances change, so callers may cache per array. Empty when the service is unknown.
    /// </summary>
    /// <param name="serviceId">The logical name, for example <c>organization-service</c>.</param>
    /// <returns>The instances.</returns>
    ImmutableArray<ServiceInstance> GetInstances(string serviceId);

    /// <summary>A token that fires at the next change of the view.</summary>
    /// <returns>The token.</returns>
    IChangeToken GetChangeToken();

    /// <summary>Waits until the first fetch from a registry has succeeded, or the wait expires.</summary>
    /// <param name="timeout">Longest wait.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>Whether a view is there.</returns>
    Task<bool> WaitForFirstFetchAsync(TimeSpan timeout, CancellationToken cancellationToken = default);
}
