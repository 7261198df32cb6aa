using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using Stratus.Gateway.Routing;
using Yarp.ReverseProxy.Forwarder;

namespace Stratus.Gateway.Proxy;

/// <summary>
/// Shapes the upstream request and the response from what the route's filters decided: path and query, header
/// changes in filter order, <c>Host</c>, the forwarding headers, and the removal of headers the client nominated as
/// hop-by-hop in <c>Connection</c> (YARP removes the standard hop-by-hop ones).
/// </summary>
internal sealed class GatewayTransformer(GatewayExchange exchange) : HttpTransformer
{
    private static readonly string[] ForwardingHeaders = ["X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host", "X-Forwarded-Port", "X-Forwarded-Prefix", "Forwarded"];

    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken).ConfigureAwait(false);
        var request = httpContext.Request;
        // YARP's default built the address from the raw request; rebuild it when normalisation or a filter changed it.
        if (!string.Equals(exchange.OutgoingPath, request.Path.Value, StringComparison.Ordinal)
            || !string.Equals(exchange.OutgoingQuery, request.QueryString.Value ?? string.Empty, StringComparison.Ordinal))
        {
            proxyRequest.RequestUri = RequestUtilities.MakeDestinationAddress(destinationPrefix, new PathString(exchange.OutgoingPath), new QueryString(exchange.OutgoingQuery));
        }

        var connection = request.Headers.Connection;
        if (connection.Count > 0)
        {
            RemoveNominated(connection, proxyRequest.Headers, proxyRequest.Content?.Headers);
        }

        if (exchange.Retry is { } retry)
        {
            proxyRequest.Options.Set(Filters.RetryPolicy.Key, retry);
        }

        Forwarding(httpContext, proxyRequest);
        // As in Spring, the upstream sees its own host name unless the route says PreserveHostHeader.
        proxyRequest.Headers.Host = exchange.PreserveHost ? request.Host.Value : null;

        if (exchange.HasRequestHeaderChanges)
        {
            foreach (var operation in exchange.RequestHeaders)
            {
                Apply(proxyRequest, operation);
            }
        }
    }

    public override async ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        var copyBody = await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken).ConfigureAwait(false);
        var headers = httpContext.Response.Headers;
        if (proxyResponse is not null)
        {
            var upstreamStatus = (int)proxyResponse.StatusCode;
            exchange.UpstreamStatus = upstreamStatus;
            if (exchange.Breaker is { FallbackPath: not null } breaker && breaker.IsFailure(upstreamStatus))
            {
                // The fallback answers instead: the upstream body is not copied, and the handler clears what was.
                exchange.UseFallback = true;
                return false;
            }

            if (proxyResponse.Headers.NonValidated.TryGetValues("Connection", out var values))
            {
                foreach (var nominated in Tokens(values))
                {
                    headers.Remove(nominated);
                }
            }
        }

        foreach (var operation in exchange.HasResponseHeaderChanges ? exchange.ResponseHeaders : [])
        {
            switch (operation.Kind)
            {
                case HeaderOperationKind.Add:
                    headers.Append(operation.Name, operation.Value);
                    break;
                case HeaderOperationKind.Set:
                    headers[operation.Name] = operation.Value;
                    break;
                default:
                    headers.Remove(operation.Name);
                    break;
            }
        }

        if (exchange.StatusOverride is { } status)
        {
            httpContext.Response.StatusCode = status;
        }

        return copyBody;
    }

    /// <summary>
    /// From an untrusted peer every forwarding header is replaced by what the gateway saw; from a trusted proxy the
    /// chain is extended. <c>X-Forwarded-Prefix</c> carries what StripPrefix removed.
    /// </summary>
    private void Forwarding(HttpContext context, HttpRequestMessage proxyRequest)
    {
        var request = context.Request;
        var peer = ClientAddress.Normalize(context.Connection.RemoteIpAddress);
        var trusted = exchange.PeerTrusted;
        var headers = proxyRequest.Headers;
        var priorFor = trusted ? request.Headers["X-Forwarded-For"].ToString() : string.Empty;
        var proto = trusted && request.Headers["X-Forwarded-Proto"].ToString() is { Length: > 0 } p ? p : request.Scheme;
        var host = trusted && request.Headers["X-Forwarded-Host"].ToString() is { Length: > 0 } h ? h : request.Host.Value ?? string.Empty;
        var priorForwarded = trusted ? request.Headers["Forwarded"].ToString() : string.Empty;
        foreach (var name in ForwardingHeaders)
        {
            headers.Remove(name);
        }

        var peerText = peer?.ToString() ?? "unknown";
        headers.TryAddWithoutValidation("X-Forwarded-For", priorFor.Length > 0 ? priorFor + ", " + peerText : peerText);
        headers.TryAddWithoutValidation("X-Forwarded-Proto", proto);
        if (host.Length > 0)
        {
            headers.TryAddWithoutValidation("X-Forwarded-Host", host);
        }

        if (request.Host.Port is { } port)
        {
            headers.TryAddWithoutValidation("X-Forwarded-Port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (exchange.StrippedPrefix is { Length: > 0 } prefix)
        {
            headers.TryAddWithoutValidation("X-Forwarded-Prefix", prefix);
        }

        var forFor = peer is { AddressFamily: System.Net.Sockets.AddressFamily.InterNetworkV6 } ? $"\"[{peerText}]\"" : peerText;
        var element = $"for={forFor};proto={request.Scheme}" + (request.Host.HasValue ? $";host=\"{request.Host.Value}\"" : string.Empty);
        headers.TryAddWithoutValidation("Forwarded", priorForwarded.Length > 0 ? priorForwarded + ", " + element : element);
    }

    private static void Apply(HttpRequestMessage proxyRequest, HeaderOperation operation)
    {
        var content = proxyRequest.Content?.Headers;
        var isContent = content is not null && operation.Name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase);
        HttpHeaders target = isContent ? content! : proxyRequest.Headers;
        if (operation.Kind != HeaderOperationKind.Add)
        {
            target.Remove(operation.Name);
            if (!isContent)
            {
                content?.Remove(operation.Name);
            }
        }

        if (operation.Kind != HeaderOperationKind.Remove)
        {
            target.TryAddWithoutValidation(operation.Name, operation.Value);
        }
    }

    private static void RemoveNominated(Microsoft.Extensions.Primitives.StringValues connection, HttpHeaders headers, HttpHeaders? content)
    {
        foreach (var name in Tokens(connection))
        {
            headers.Remove(name);
            content?.Remove(name);
        }
    }

    private static IEnumerable<string> Tokens(HeaderStringValues values) => Tokens((IEnumerable<string?>)values);

    private static IEnumerable<string> Tokens(IEnumerable<string?> values) =>
        values.SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Where(t => !t.Equals("close", StringComparison.OrdinalIgnoreCase) && !t.Equals("keep-alive", StringComparison.OrdinalIgnoreCase)
                        && !t.Equals("upgrade", StringComparison.OrdinalIgnoreCase));
}
