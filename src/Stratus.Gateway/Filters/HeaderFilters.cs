using Stratus.Gateway.Routing;

namespace Stratus.Gateway.Filters;

/// <summary>
/// Add/Set/RemoveRequestHeader and Add/Set/RemoveResponseHeader: header changes applied in filter order to the upstream
/// request or to the response. Values are literals with <c>{variable}</c> URI variables expanded, nothing else.
/// </summary>
internal sealed class HeaderFilter(bool request, HeaderOperationKind kind, string name, string? value) : IGatewayFilter
{
    public ValueTask<bool> ApplyAsync(GatewayExchange exchange)
    {
        var operation = new HeaderOperation(kind, name, value is null ? null : exchange.Expand(value));
        (request ? exchange.RequestHeaders : exchange.ResponseHeaders).Add(operation);
        return ValueTask.FromResult(true);
    }

    public string Describe() => $"{kind}{(request ? "Request" : "Response")}Header {name}{(value is null ? string.Empty : "=" + value)}";
}

/// <summary><c>PreserveHostHeader</c>: the upstream request keeps the client's <c>Host</c>.</summary>
internal sealed class PreserveHostHeaderFilter : IGatewayFilter
{
    public ValueTask<bool> ApplyAsync(GatewayExchange exchange)
    {
        exchange.PreserveHost = true;
        return ValueTask.FromResult(true);
    }

    public string Describe() => "PreserveHostHeader";
}

/// <summary>
/// <c>SecureHeaders</c>: Spring's default security headers on every response; <c>disable</c> lists the ones to leave out
/// (by lower-case header name).
/// </summary>
internal sealed class SecureHeadersFilter : IGatewayFilter
{
    public static readonly IReadOnlyList<KeyValuePair<string, string>> Defaults =
    [
        new("X-Xss-Protection", "1 ; mode=block"),
        new("Strict-Transport-Security", "max-age=631138519"),
        new("X-Frame-Options", "DENY"),
        new("X-Content-Type-Options", "nosniff"),
        new("Referrer-Policy", "no-referrer"),
        new("Content-Security-Policy", "default-src 'self' https:; font-src 'self' https: data:; img-src 'self' https: data:; object-src 'none'; script-src https:; style-src 'self' https: 'unsafe-inline'"),
        new("X-Download-Options", "noopen"),
        new("X-Permitted-Cross-Domain-Policies", "none"),
    ];

    private readonly KeyValuePair<string, string>[] _headers;

    public SecureHeadersFilter(IReadOnlyList<string> disabled)
    {
        var unknown = disabled.Where(d => !Defaults.Any(h => string.Equals(h.Key, d, StringComparison.OrdinalIgnoreCase))).ToList();
        if (unknown.Count > 0)
        {
            throw new FormatException($"'disable' names unknown headers: {string.Join(", ", unknown)}");
        }

        _headers = Defaults.Where(h => !disabled.Contains(h.Key, StringComparer.OrdinalIgnoreCase)).ToArray();
    }

    public ValueTask<bool> ApplyAsync(GatewayExchange exchange)
    {
        foreach (var (name, value) in _headers)
        {
            exchange.ResponseHeaders.Add(new HeaderOperation(HeaderOperationKind.Set, name, value));
        }

        return ValueTask.FromResult(true);
    }

    public string Describe() => $"SecureHeaders [{string.Join(", ", _headers.Select(h => h.Key))}]";
}
