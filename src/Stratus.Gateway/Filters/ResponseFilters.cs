using Microsoft.AspNetCore.Http;
using Stratus.Gateway.Routing;

namespace Stratus.Gateway.Filters;

/// <summary><c>SetStatus=401</c> or <c>SetStatus=UNAUTHORIZED</c>: the status of the response, whatever the upstream said.</summary>
internal sealed class SetStatusFilter(int status) : IGatewayFilter
{
    public ValueTask<bool> ApplyAsync(GatewayExchange exchange)
    {
        exchange.StatusOverride = status;
        return ValueTask.FromResult(true);
    }

    public string Describe() => $"SetStatus {status}";
}

/// <summary><c>RedirectTo=302, https://acme.org</c>: answers with a redirect; nothing goes upstream.</summary>
internal sealed class RedirectToFilter(int status, string url, bool includeRequestParams) : IGatewayFilter
{
    public ValueTask<bool> ApplyAsync(GatewayExchange exchange)
    {
        var response = exchange.Context.Response;
        response.StatusCode = status;
        var location = exchange.Expand(url);
        if (includeRequestParams && exchange.Context.Request.QueryString.HasValue)
        {
            location += (location.Contains('?', StringComparison.Ordinal) ? "&" : "?") + exchange.Context.Request.QueryString.Value![1..];
        }

        response.Headers.Location = location;
        return ValueTask.FromResult(false);
    }

    public string Describe() => $"RedirectTo {status} {url}";
}

/// <summary>
/// <c>RequestSize=5MB</c>: a declared body over the limit is answered 413 before any upstream I/O, with Spring's
/// <c>errorMessage</c> header; a chunked body is cut off at the limit while it streams.
/// </summary>
internal sealed class RequestSizeFilter(long maxBytes, string text) : IGatewayFilter
{
    public async ValueTask<bool> ApplyAsync(GatewayExchange exchange)
    {
        var request = exchange.Context.Request;
        if (request.ContentLength is { } length && length > maxBytes)
        {
            var response = exchange.Context.Response;
            response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            response.Headers["errorMessage"] = $"Request size is larger than permissible limit. Request size is {length} B where permissible limit is {text}";
            await response.WriteAsync($"Request size {length} B is over the limit of {text}").ConfigureAwait(false);
            return false;
        }

        if (exchange.Context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature
            && (feature.MaxRequestBodySize is null || feature.MaxRequestBodySize > maxBytes))
        {
            feature.MaxRequestBodySize = maxBytes;
        }

        return true;
    }

    public string Describe() => $"RequestSize maxSize={text}";
}
