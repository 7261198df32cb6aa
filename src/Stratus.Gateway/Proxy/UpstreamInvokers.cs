using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Stratus.LoadBalancing;
using Yarp.ReverseProxy.Forwarder;

namespace Stratus.Gateway.Proxy;

/// <summary>
/// The HTTP clients that carry proxied requests, one per (direct or load-balanced, connect time-out): YARP's
/// recommended handler settings (no redirects, cookies, decompression or proxy), and for <c>lb://</c> the Stratus load
/// balancer in front, which picks the instance and applies the per-service and per-instance resilience.
/// </summary>
internal sealed class UpstreamInvokers(IServiceProvider services) : IDisposable
{
    private readonly ConcurrentDictionary<(bool, TimeSpan), HttpMessageInvoker> _invokers = new();

    public HttpMessageInvoker For(bool loadBalanced, TimeSpan connectTimeout) =>
        _invokers.GetOrAdd((loadBalanced, connectTimeout), static (key, sp) => Create(key.Item1, key.Item2, sp), services);

    private static HttpMessageInvoker Create(bool loadBalanced, TimeSpan connectTimeout, IServiceProvider services)
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
        if (!loadBalanced)
        {
            return new HttpMessageInvoker(sockets, disposeHandler: true);
        }

        var balancing = services.GetRequiredService<LoadBalancingHandler>();
        balancing.InnerHandler = sockets;
        return new HttpMessageInvoker(balancing, disposeHandler: true);
    }

    public void Dispose()
    {
        foreach (var invoker in _invokers.Values)
        {
            invoker.Dispose();
        }
    }
}
