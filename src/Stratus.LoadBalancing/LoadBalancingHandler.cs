using System.Net;
using Microsoft.Extensions.Options;
using Polly;
using Stratus.Discovery;

namespace Stratus.LoadBalancing;

/// <summary>
/// Sends a request for <c>http://{service}/...</c> to an instance the service's balancer chooses, through that
/// instance's circuit breaker, and puts the logical address back afterwards so that a retry (by the per-service
/// pipeline outside) chooses again, avoiding the instances already tried. Host names that are not service names
/// (<c>localhost</c>, IP addresses, dotted DNS names) pass through untouched.
/// </summary>
internal sealed class LoadBalancingHandler : DelegatingHandler
{
    private static readonly ResiliencePropertyKey<InstanceSlot> LastTried = new("stratus.lb.last");
    private static readonly ResiliencePropertyKey<TriedInstances> AllTried = new("stratus.lb.tried");
    private readonly LoadBalancerRegistry _registry;
    private readonly InstancePipelines _pipelines;
    private readonly LoadBalancingMetrics _metrics;
    private readonly TimeSpan _initialWait;

    public LoadBalancingHandler(LoadBalancerRegistry registry, InstancePipelines pipelines, LoadBalancingMetrics metrics, IOptions<DiscoveryOptions> discovery)
    {
        _registry = registry;
        _pipelines = pipelines;
        _metrics = metrics;
        _initialWait = discovery.Value.InitialFetchWait;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var original = request.RequestUri;
        if (original is null || !original.IsAbsoluteUri || !StratusNames.IsServiceName(original.IdnHost))
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var serviceId = original.IdnHost;
        var balancer = _registry.Get(serviceId);
        var context = request.GetResilienceContext();
        var tried = Tried(context);
        var slot = balancer.Choose(_registry.Discovery.GetInstances(serviceId), tried);
        if (slot is null && await _registry.Discovery.WaitForFirstFetchAsync(_initialWait, cancellationToken).ConfigureAwait(false))
        {
            slot = balancer.Choose(_registry.Discovery.GetInstances(serviceId), tried);
        }

        if (slot is null)
        {
            _metrics.NoInstance.Add(1, new KeyValuePair<string, object?>("service", serviceId));
            throw new NoInstanceAvailableException($"No UP instance of service '{serviceId}' is known to the registry.") { ServiceId = serviceId };
        }

        context?.Properties.Set(LastTried, slot);
        var instance = slot.Instance;
        request.RequestUri = Rewrite(original, instance);
        slot.Enter();
        try
        {
            _metrics.Requests.Add(1, new KeyValuePair<string, object?>("service", serviceId));
            var pipeline = _pipelines.For(balancer, slot);
            return await pipeline.ExecuteAsync(
                static (state, token) => new ValueTask<HttpResponseMessage>(state.Self.SendInnerAsync(state.Request, token)),
                (Self: this, Request: request),
                cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            slot.Leave();
            request.RequestUri = original;
        }
    }

    private Task<HttpResponseMessage> SendInnerAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);

    private static TriedInstances? Tried(ResilienceContext? context)
    {
        if (context is null || !context.Properties.TryGetValue(LastTried, out var last))
        {
            return null;
        }

        // A retry: remember every instance this call has been to.
        if (!context.Properties.TryGetValue(AllTried, out var tried))
        {
            tried = new TriedInstances();
            context.Properties.Set(AllTried, tried);
        }

        tried.Add(last);
        return tried;
    }

    private static Uri Rewrite(Uri original, ServiceInstance instance)
    {
        var builder = new UriBuilder(original)
        {
            Scheme = instance.IsSecure ? Uri.UriSchemeHttps : Uri.UriSchemeHttp,
            Host = instance.Uri.Host,
            Port = instance.Port,
        };
        return builder.Uri;
    }
}

/// <summary>Which host names are service names.</summary>
internal static class StratusNames
{
    public static bool IsServiceName(string host) =>
        host.Length > 0
        && !host.Contains('.', StringComparison.Ordinal)
        && !host.Contains(':', StringComparison.Ordinal)
        && !string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        && !IPAddress.TryParse(host, out _);
}
