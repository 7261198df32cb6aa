using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Stratus.Discovery;

namespace Stratus.LoadBalancing;

/// <summary>One <see cref="ServiceBalancer"/> per service name, made on first use.</summary>
internal sealed class LoadBalancerRegistry : ILoadBalancer
{
    private readonly ConcurrentDictionary<string, ServiceBalancer> _balancers = new(StringComparer.OrdinalIgnoreCase);
    private readonly Func<string, ServiceBalancer> _create;

    public LoadBalancerRegistry(IDiscoveryClient discovery, IOptions<LoadBalancingOptions> options,
        IOptions<DiscoveryOptions> discoveryOptions, TimeProvider time)
    {
        Discovery = discovery;
        var settings = options.Value;
        var zone = settings.Zone ?? discoveryOptions.Value.Zone;
        _create = name => new ServiceBalancer(name,
            settings.Services.TryGetValue(name, out var service) && service.Strategy is { } strategy ? strategy : settings.Strategy,
            zone, time);
    }

    public IDiscoveryClient Discovery { get; }

    public ServiceBalancer Get(string serviceId) => _balancers.GetOrAdd(serviceId, _create);

    public ServiceInstance? Choose(string serviceId) =>
        Get(serviceId).Choose(Discovery.GetInstances(serviceId))?.Instance;
}
