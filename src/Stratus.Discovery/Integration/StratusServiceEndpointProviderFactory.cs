using System.Net;
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
        if (!options.Value.Fetch || !IsServiceName(query.ServiceName))
        {
            provider = null!;
            return false;
        }

        provider = new Provider(query.ServiceName, discovery, options.Value.InitialFetchWait);
        return true;
    }

    /// <summary>Whether a host name can be a registry app name rather than a DNS name or address.</summary>
    internal static bool IsServiceName(string host) =>
        host.Length > 0
        && !host.Contains('.', StringComparison.Ordinal)
        && !host.Contains(':', StringComparison.Ordinal)
        && !string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        && !IPAddress.TryParse(host, out _);

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
