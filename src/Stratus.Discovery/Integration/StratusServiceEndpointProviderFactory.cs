using Microsoft.Extensions.Options;
using Microsoft.Extensions.ServiceDiscovery;

namespace Stratus.Discovery;

/// <summary>
/// Lets <c>Microsoft.Extensions.ServiceDiscovery</c> resolve <c>http://{app-name}</c> through the registry view.
/// Names that look like real hosts (<c>localhost</c>, IP addresses, dotted names) are left to other providers.
/// </summary>
internal sealed class StratusServiceEndpointProviderFactory(IDiscoveryClient discovery, IOptions<DiscoveryOptions> options)
    : IServiceEndpointProviderFactory
{
    public bool TryCreateProvider(ServiceEndpointQuery query, out IServiceEndpointProvider provider)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!options.Value.Fetch || !ServiceNames.IsServiceName(query.ServiceName))
        {
            provider = null!;
            return false;
        }

        provider = new Provider(query.ServiceName, discovery, options.Value.InitialFetchWait);
        return true;
    }

    private sealed class Provider(string serviceName, IDiscoveryClient discovery, TimeSpan initialWait) : IServiceEndpointProvider
    {
        public async ValueTask PopulateAsync(IServiceEndpointBuilder endpoints, CancellationToken cancellationToken)
        {
            await discovery.WaitForFirstFetchAsync(initialWait, cancellationToken).ConfigureAwait(false);
            foreach (var instance in discovery.GetInstances(serviceName))
            {
                endpoints.Endpoints.Add(ServiceEndpoint.Create(instance.EndPoint));
            }

            endpoints.AddChangeToken(discovery.GetChangeToken());
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        public override string ToString() => "Stratus registry";
    }
}

/// <summary>Which host names are registry app names rather than DNS names or addresses.</summary>
internal static class ServiceNames
{
    /// <summary>Not <c>localhost</c>, not an IP address, no dot: a name the registry may know.</summary>
    public static bool IsServiceName(string host) =>
        host.Length > 0
        && !host.Contains('.', StringComparison.Ordinal)
        && !host.Contains(':', StringComparison.Ordinal)
        && !string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        && !System.Net.IPAddress.TryParse(host, out _);
}
