using System.Net;
using Microsoft.AspNetCore.Http;

namespace Stratus.Gateway.Routing;

/// <summary>
/// One request on its way through the gateway: the normalised path that decides routing and authorisation, the
/// client's address (trusted-proxy aware), the URI variables the Path and Host predicates captured, and what the
/// filters decided for the upstream request and the response.
/// </summary>
internal sealed class GatewayExchange(HttpContext context, string path, IPAddress? clientAddress, DateTimeOffset now)
{
    private Dictionary<string, string>? _variables;
    private Dictionary<string, string>? _weightChoices;

    public HttpContext Context { get; } = context;

    /// <summary>The normalised request path (decoded, no empty or dot segments, matrix parameters kept).</summary>
    public string Path { get; } = path;

    /// <summary>The path used for matching: <see cref="Path"/> without <c>;matrix</c> parameters.</summary>
    public string MatchPath { get; } = PathNormalizer.WithoutMatrixParameters(path);

    public IPAddress? ClientAddress { get; } = clientAddress;

    public DateTimeOffset Now { get; } = now;

    /// <summary>The path sent upstream; filters change it.</summary>
    public string OutgoingPath { get; set; } = path;

    /// <summary>The query sent upstream, with its leading <c>?</c>, or empty; filters change it.</summary>
    public string OutgoingQuery { get; set; } = context.Request.QueryString.Value ?? string.Empty;

    /// <summary>The prefix StripPrefix took off, for <c>X-Forwarded-Prefix</c>.</summary>
    public string? StrippedPrefix { get; set; }

    public bool PreserveHost { get; set; }

    private List<HeaderOperation>? _requestHeaders;
    private List<HeaderOperation>? _responseHeaders;

    /// <summary>Request header changes in filter order (made on first use: most routes have none).</summary>
    public List<HeaderOperation> RequestHeaders => _requestHeaders ??= [];

    public List<HeaderOperation> ResponseHeaders => _responseHeaders ??= [];

    public bool HasRequestHeaderChanges => _requestHeaders is { Count: > 0 };

    public bool HasResponseHeaderChanges => _responseHeaders is { Count: > 0 };

    /// <summary>Whether the TCP peer is a trusted proxy (its forwarding headers are extended, not replaced).</summary>
    public bool PeerTrusted { get; init; }

    public int? StatusOverride { get; set; }

    /// <summary>The Retry filter's policy, when this request may be retried.</summary>
    public Filters.RetryPolicy? Retry { get; set; }

    /// <summary>The CircuitBreaker filter's breaker, when the route has one.</summary>
    public Filters.BreakerUse? Breaker { get; set; }

    /// <summary>The upstream answered a status the breaker counts as failure and a fallback will answer instead.</summary>
    public bool UseFallback { get; set; }

    /// <summary>The status the upstream answered, before any SetStatus.</summary>
    public int? UpstreamStatus { get; set; }

    public IReadOnlyDictionary<string, string> Variables => _variables ?? (IReadOnlyDictionary<string, string>)EmptyVariables;

    private static Dictionary<string, string> EmptyVariables { get; } = [];

    public void SetVariable(string name, string value) => (_variables ??= new(StringComparer.Ordinal))[name] = value;

    public void ClearVariables() => _variables?.Clear();

    /// <summary>The route a Weight group chose for this request: chosen once per request and group.</summary>
    public string ChooseWeighted(string group, Func<string> choose)
    {
        _weightChoices ??= new(StringComparer.Ordinal);
        if (!_weightChoices.TryGetValue(group, out var chosen))
        {
            _weightChoices[group] = chosen = choose();
        }

        return chosen;
    }

    /// <summary>Replaces <c>{name}</c> with captured URI variables (Spring's filters do so for paths and header values).</summary>
    public string Expand(string template)
    {
        if (_variables is null || _variables.Count == 0 || !template.Contains('{', StringComparison.Ordinal))
        {
            return template;
        }

        foreach (var (name, value) in _variables)
        {
            template = template.Replace("{" + name + "}", value, StringComparison.Ordinal);
        }

        return template;
    }
}

/// <summary>A header change a filter asked for, applied in filter order.</summary>
internal readonly record struct HeaderOperation(HeaderOperationKind Kind, string Name, string? Value);

/// <summary>Add appends a value, Set replaces all values, Remove drops the header.</summary>
internal enum HeaderOperationKind
{
    /// <summary>Append a value.</summary>
    Add,

    /// <summary>Replace every value.</summary>
    Set,

    /// <summary>Drop the header.</summary>
    Remove,
}
