using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Stratus.Gateway.Filters;
using Stratus.Gateway.Routing;
using Stratus.Gateway.Security;
using Stratus.LoadBalancing;
using Stratus.Shared;
using Yarp.ReverseProxy.Forwarder;

namespace Stratus.Gateway.Proxy;

/// <summary>
/// Every proxied request: normalise the path (400 when it could be read two ways), find the first matching route
/// (404 when none), run its filters (a filter may answer itself), then forward with YARP's forwarder, through the
/// load balancer for <c>lb://</c> routes, the route's retry policy and circuit breaker. A time-out answers 504, an
/// unreachable upstream 502, no instance or an open circuit 503 (or the circuit breaker's fallback route).
/// </summary>
internal sealed class GatewayHandler(
    RouteTableProvider routes,
    IHttpForwarder forwarder,
    UpstreamInvokers invokers,
    ClientAddress clients,
    IOptionsMonitor<GatewayOptions> options,
    TimeProvider time)
{
    public Task HandleAsync(HttpContext context)
    {
        if (HasConflictingFraming(context.Request.Headers))
        {
            // RFC 9112 6.1 lets a server refuse such a request, and requires it to close the connection afterwards.
            context.Response.Headers.Connection = "close";
            return SpringErrorJson.WriteAsync(context, StatusCodes.Status400BadRequest, "The request carries both Content-Length and Transfer-Encoding", time);
        }

        return HandleAsync(context, context.Request.Path.Value, fallbackDepth: 0);
    }

    /// <summary>
    /// Kestrel reads a request with both lengths by its Transfer-Encoding and moves the Content-Length it dropped to
    /// <c>X-Content-Length</c>; both together mean the client framed the body two ways, the shape of request smuggling.
    /// </summary>
    private static bool HasConflictingFraming(IHeaderDictionary headers) =>
        headers.ContainsKey("X-Content-Length") && headers.TransferEncoding.Count > 0;

    private async Task HandleAsync(HttpContext context, string? rawPath, int fallbackDepth)
    {
        var path = PathNormalizer.Normalize(rawPath, out var problem);
        if (path is null)
        {
            await SpringErrorJson.WriteAsync(context, StatusCodes.Status400BadRequest, problem!, time).ConfigureAwait(false);
            return;
        }

        var client = clients.Resolve(context, out var peerTrusted);
        var exchange = new GatewayExchange(context, path, client, time.GetUtcNow()) { PeerTrusted = peerTrusted };
        var route = routes.Table.Match(exchange);
        if (route is null)
        {
            await SpringErrorJson.WriteAsync(context, StatusCodes.Status404NotFound, fallbackDepth == 0 ? "No route matches this request" : $"No route matches the fallback path {path}", time).ConfigureAwait(false);
            return;
        }

        if (!await AuthorizeAsync(context, route).ConfigureAwait(false))
        {
            return;
        }

        foreach (var filter in route.Filters)
        {
            if (!await filter.ApplyAsync(exchange).ConfigureAwait(false))
            {
                return;
            }
        }

        var settings = options.CurrentValue;
        var invoker = invokers.For(route.LoadBalanced, route.ConnectTimeout ?? settings.ConnectTimeout, exchange.Retry is not null);
        var config = new ForwarderRequestConfig { ActivityTimeout = route.ResponseTimeout ?? settings.ResponseTimeout };
        var transformer = new GatewayTransformer(exchange);
        ForwarderError error;
        if (exchange.Breaker is not { } breaker)
        {
            error = await forwarder.SendAsync(context, route.DestinationPrefix, invoker, config, transformer).ConfigureAwait(false);
        }
        else
        {
            error = ForwarderError.None;
            try
            {
                await breaker.Pipeline.ExecuteAsync(
                    async token =>
                    {
                        error = await forwarder.SendAsync(context, route.DestinationPrefix, invoker, config, transformer, token).ConfigureAwait(false);
                        return error != ForwarderError.None ? StatusCodes.Status502BadGateway : exchange.UpstreamStatus ?? context.Response.StatusCode;
                    },
                    context.RequestAborted).ConfigureAwait(false);
            }
            catch (BrokenCircuitException)
            {
                await FallbackOrFailAsync(context, breaker, fallbackDepth, StatusCodes.Status503ServiceUnavailable, $"Circuit breaker '{breaker.Name}' is open").ConfigureAwait(false);
                return;
            }

            if (exchange.UseFallback || (error != ForwarderError.None && breaker.FallbackPath is not null && !context.Response.HasStarted))
            {
                context.Response.Clear();
                await FallbackOrFailAsync(context, breaker, fallbackDepth, StatusCodes.Status503ServiceUnavailable, $"Upstream of route '{route.Id}' failed").ConfigureAwait(false);
                return;
            }
        }

        if (error != ForwarderError.None && !context.Response.HasStarted)
        {
            var failure = context.GetForwarderErrorFeature()?.Exception;
            var (status, message) = Describe(error, failure, route);
            context.Response.Clear();
            await SpringErrorJson.WriteAsync(context, status, message, time).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A route that asks for a caller is answered 401 (with the bearer challenge and its error description) or 403
    /// (<c>insufficient_scope</c>) before any filter or upstream call; the decision uses the route the normalised path chose.
    /// </summary>
    private static async Task<bool> AuthorizeAsync(HttpContext context, CompiledRoute route)
    {
        if (route.Authorization is { } authorization)
        {
            if (await AuthenticateAsync(context).ConfigureAwait(false) is not { } principal)
            {
                await context.ChallengeAsync(GatewayScheme.Name).ConfigureAwait(false);
                return false;
            }

            context.User = principal;
            if (authorization.Missing(context.User) is { } missing)
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                context.Response.Headers.WWWAuthenticate = $"Bearer error=\"insufficient_scope\", error_description=\"the token lacks {missing}\"";
                return false;
            }
        }
        else if (route.NeedsPrincipal && context.Request.Headers.Authorization.Count > 0
                 && await AuthenticateAsync(context).ConfigureAwait(false) is { } principal)
        {
            context.User = principal;
        }

        return true;
    }

    /// <summary>
    /// The caller's principal from the bearer token (the scheme remembers tokens that passed, by their hash, until
    /// their <c>exp</c> or a key change); <see langword="null"/> when it does not validate.
    /// </summary>
    private static async Task<System.Security.Claims.ClaimsPrincipal?> AuthenticateAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(GatewayScheme.Name).ConfigureAwait(false);
        return result.Succeeded ? result.Principal : null;
    }

    /// <summary>Spring's <c>forward:/path</c>: the request goes through the routes again with the fallback path (once).</summary>
    private Task FallbackOrFailAsync(HttpContext context, BreakerUse breaker, int depth, int status, string message) =>
        breaker.FallbackPath is { } fallback && depth == 0
            ? HandleAsync(context, fallback, depth + 1)
            : SpringErrorJson.WriteAsync(context, status, message, time);

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
