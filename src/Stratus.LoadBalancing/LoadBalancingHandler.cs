using Microsoft.Extensions.Options;
using Polly;
using Stratus.Discovery;

namespace Stratus.LoadBalancing;

/// <summary>
/// Sends a request for <c>http://{service}/...</c> through the service's Polly pipeline (rate limit, bulkhead,
/// time-out, retry); each attempt goes to an instance the service's balancer chooses, avoiding instances already
/// tried, through that instance's circuit breaker. The logical address is put back afterwards. Host names that are
/// not service names (<c>localhost</c>, IP addresses, dotted DNS names) pass through untouched.
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
        if (original is null || !original.IsAbsoluteUri || !ServiceNames.IsServiceName(original.IdnHost))
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var serviceId = original.IdnHost;
        var balancer = _registry.Get(serviceId);
        var pipeline = _pipelines.ForService(balancer);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.SetRequestMessage(request);
        try
        {
            var outcome = await pipeline.ExecuteOutcomeAsync(
                static async (ctx, state) =>
                {
                    try
                    {
                        var response = await state.Self.SendOnceAsync(state.Request, state.Original, state.Balancer, ctx).ConfigureAwait(false);
                        return Outcome.FromResult(response);
                    }
                    catch (Exception ex)
                    {
                        return Outcome.FromException<HttpResponseMessage>(ex);
                    }
                },
                context,
                (Self: this, Request: request, Original: original, Balancer: balancer)).ConfigureAwait(false);
            outcome.ThrowIfException();
            return outcome.Result!;
        }
        finally
        {
            request.RequestUri = original;
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>One attempt: choose an instance (avoiding those tried before), send through its breaker.</summary>
    private async Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, Uri original, ServiceBalancer balancer, ResilienceContext context)
    {
        var serviceId = balancer.ServiceId;
        var tried = Tried(context);
        var slot = balancer.Choose(_registry.Discovery.GetInstances(serviceId), tried);
        if (slot is null && await _registry.Discovery.WaitForFirstFetchAsync(_initialWait, context.CancellationToken).ConfigureAwait(false))
        {
            slot = balancer.Choose(_registry.Discovery.GetInstances(serviceId), tried);
        }

        if (slot is null)
        {
            _metrics.NoInstance.Add(1, new KeyValuePair<string, object?>("service", serviceId));
            throw new NoInstanceAvailableException($"No UP instance of service '{serviceId}' is known to the registry.") { ServiceId = serviceId };
        }

        context.Properties.Set(LastTried, slot);
        request.RequestUri = Rewrite(original, slot.Instance);
        slot.Enter();
        try
        {
            _metrics.Requests.Add(1, new KeyValuePair<string, object?>("service", serviceId));
            return await _pipelines.ForInstance(balancer, slot).ExecuteAsync(
                static (state, token) => new ValueTask<HttpResponseMessage>(state.Self.SendInnerAsync(state.Request, token)),
                (Self: this, Request: request),
                context.CancellationToken).ConfigureAwait(false);
        }
        finally
        {
            slot.Leave();
        }
    }

    private Task<HttpResponseMessage> SendInnerAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);

    private static TriedInstances? Tried(ResilienceContext context)
    {
        if (!context.Properties.TryGetValue(LastTried, out var last))
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
        // The instance's base address ("http://host:port/") plus the request's path, query and fragment.
        var baseText = instance.Uri.OriginalString;
        var rest = original.PathAndQuery;
        var text = original.Fragment.Length == 0
            ? string.Concat(baseText.AsSpan(0, baseText.Length - 1), rest)
            : string.Concat(baseText.AsSpan(0, baseText.Length - 1), rest, original.Fragment);
        return new Uri(text, UriKind.Absolute);
    }
}
