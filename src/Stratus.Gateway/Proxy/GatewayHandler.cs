using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Stratus.Gateway.Routing;
using Stratus.LoadBalancing;
using Yarp.ReverseProxy.Forwarder;

namespace Stratus.Gateway.Proxy;

/// <summary>
/// Every proxied request: normalise the path (400 when it could be read two ways), find the first matching route
/// (404 when none), run its filters (a filter may answer itself), then forward with YARP's forwarder, through the
/// load balancer for <c>lb://</c> routes. A time-out answers 504, an unreachable upstream 502, no instance 503.
/// </summary>
internal sealed class GatewayHandler(
    RouteTableProvider routes,
    IHttpForwarder forwarder,
    UpstreamInvokers invokers,
    GatewayTransformer transformer,
    ClientAddress clients,
    IOptionsMonitor<GatewayOptions> options,
    TimeProvider time)
{
    public async Task HandleAsync(HttpContext context)
    {
        var path = PathNormalizer.Normalize(context.Request.Path.Value, out var problem);
        if (path is null)
        {
            await GatewayErrors.WriteAsync(context, StatusCodes.Status400BadRequest, problem!, time).ConfigureAwait(false);
            return;
        }

        var exchange = new GatewayExchange(context, path, clients.Resolve(context), time.GetUtcNow());
        var route = routes.Table.Match(exchange);
        if (route is null)
        {
            await GatewayErrors.WriteAsync(context, StatusCodes.Status404NotFound, "No route matches this request", time).ConfigureAwait(false);
            return;
        }

        context.Features.Set(exchange);
        foreach (var filter in route.Filters)
        {
            if (!await filter.ApplyAsync(exchange).ConfigureAwait(false))
            {
                return;
            }
        }

        var settings = options.CurrentValue;
        var invoker = invokers.For(route.LoadBalanced, route.ConnectTimeout ?? settings.ConnectTimeout);
        var config = new ForwarderRequestConfig { ActivityTimeout = route.ResponseTimeout ?? settings.ResponseTimeout };
        var error = await forwarder.SendAsync(context, route.DestinationPrefix, invoker, config, transformer).ConfigureAwait(false);
        if (error != ForwarderError.None && !context.Response.HasStarted)
        {
            var failure = context.GetForwarderErrorFeature()?.Exception;
            var (status, message) = Describe(error, failure, route);
            context.Response.Clear();
            await GatewayErrors.WriteAsync(context, status, message, time).ConfigureAwait(false);
        }
    }

    private static (int Status, string Message) Describe(ForwarderError error, Exception? failure, CompiledRoute route)
    {
        for (var e = failure; e is not null; e = e.InnerException)
        {
            if (e is NoInstanceAvailableException)
            {
                return (StatusCodes.Status503ServiceUnavailable, $"No instance available for {route.DestinationPrefix[7..]}");
            }

            if (e is TimeoutException or TaskCanceledException && error != ForwarderError.RequestCanceled)
            {
                return (StatusCodes.Status504GatewayTimeout, $"Upstream of route '{route.Id}' did not answer in time");
            }
        }

        return error switch
        {
            ForwarderError.RequestTimedOut => (StatusCodes.Status504GatewayTimeout, $"Upstream of route '{route.Id}' did not answer in time"),
            ForwarderError.RequestBodyClient or ForwarderError.RequestCanceled => (StatusCodes.Status400BadRequest, "The request body could not be read"),
            _ when failure is Microsoft.AspNetCore.Http.BadHttpRequestException { StatusCode: 413 } => (StatusCodes.Status413PayloadTooLarge, "The request body is over the limit"),
            _ => ((int)HttpStatusCode.BadGateway, $"Upstream of route '{route.Id}' could not be reached"),
        };
    }
}
