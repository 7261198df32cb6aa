using System.Collections.Immutable;
using Microsoft.Extensions.Primitives;
using Stratus.Discovery;

namespace Stratus.Benchmarks.LoadBalancing;

/// <summary>A fixed registry view, so benchmarks measure selection and calls, not fetching.</summary>
internal sealed class FixedDiscovery(ImmutableArray<ServiceInstance> instances) : IDiscoveryClient
{
    public IReadOnlyCollection<string> Services => ["ORG"];

    public long Version => 1;

    public ImmutableArray<ServiceInstance> GetInstances(string serviceId) => instances;

    public IChangeToken GetChangeToken() => new CancellationChangeToken(CancellationToken.None);

    public Task<bool> WaitForFirstFetchAsync(TimeSpan timeout, CancellationToken cancellationToken = default) => Task.FromResult(true);
}
