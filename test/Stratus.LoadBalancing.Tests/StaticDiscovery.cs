using System.Collections.Immutable;
using Microsoft.Extensions.Primitives;
using Stratus.Discovery;

namespace Stratus.LoadBalancing.Tests;

/// <summary>A fixed view for unit tests of selection and retry rules; the real cache is covered by the discovery and integration tests.</summary>
internal sealed class StaticDiscovery(params ServiceInstance[] instances) : IDiscoveryClient
{
    public ImmutableArray<ServiceInstance> Instances { get; set; } = [.. instances];

    public IReadOnlyCollection<string> Services => [.. Instances.Select(i => i.ServiceId).Distinct()];

    public long Version => 1;

    public ImmutableArray<ServiceInstance> GetInstances(string serviceId) =>
        Instances.Any(i => string.Equals(i.ServiceId, serviceId, StringComparison.OrdinalIgnoreCase)) ? Instances : [];

    public IChangeToken GetChangeToken() => new CancellationChangeToken(CancellationToken.None);

    public Task<bool> WaitForFirstFetchAsync(TimeSpan timeout, CancellationToken cancellationToken = default) => Task.FromResult(true);
}
