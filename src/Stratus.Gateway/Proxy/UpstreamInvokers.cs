using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Stratus.LoadBalancing;
using Yarp.ReverseProxy.Forwarder;

namespace Stratus.Gateway.Proxy;

/// <summary>
/// The HTTP clients that carry proxied requests, one per (direct or load-balanced, connect time-out, retries): YARP's
/// recommended handler settings (no redirects, cookies, decompression or proxy), and for <c>lb://</c> the Stratus load
/// balancer in front, which picks the instance and applies the per-service and per-instance resilience.
/// </summary>
internal sealed class UpstreamInvokers(IServiceProvider services) : IDisposable
{
    private readonly ConcurrentDictionary<(bool, TimeSpan, bool), HttpMessageInvoker> _invokers = new();

    public HttpMessageInvoker For(bool loadBalanced, TimeSpan connectTimeout, bool retries) =>
        _invokers.GetOrAdd((loadBalanced, connectTimeout, retries), static (key, sp) => Create(key.Item1, key.Item2, key.Item3, sp), services);

    private static HttpMessageInvoker Create(bool loadBalanced, TimeSpan connectTimeout, bool retries, IServiceProvider services)
    {
        var sockets = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            EnableMultipleHttp2Connections = true,
            ActivityHeadersPropagator = new ReverseProxyPropagator(DistributedContextPropagator.Current),
            ConnectTimeout = connectTimeout,
        };
        HttpMessageHandler inner = sockets;
        if (loadBalanced)
        {
            var balancing = services.GetRequiredService<LoadBalancingHandler>();
            balancing.InnerHandler = sockets;
            inner = balancing;
        }

        // Outermost, for routes with a Retry filter: each retry goes through the load balancer to the next instance.
        return retries
            ? new HttpMessageInvoker(new RetryingHandler(services.GetRequiredService<TimeProvider>()) { InnerHandler = inner }, disposeHandler: true)
            : new HttpMessageInvoker(inner, disposeHandler: true);
    }

    public void Dispose()
    {
        foreach (var invoker in _invokers.Values)
        {
            invoker.Dispose();
        }
    }
}
