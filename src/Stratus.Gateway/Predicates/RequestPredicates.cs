using System.Net;
using System.Text.RegularExpressions;
using Stratus.Gateway.Routing;

namespace Stratus.Gateway.Predicates;

/// <summary><c>Path=/a/**,/b/{segment}</c>: any pattern matches; the first that does captures its variables.</summary>
internal sealed class PathPredicate(IReadOnlyList<PathPattern> patterns) : IRoutePredicate
{
    private readonly PathPattern[] _patterns = [.. patterns];
    private readonly bool[] _captures = patterns.Select(p => p.HasVariables).ToArray();

    public bool Matches(GatewayExchange exchange)
    {
        for (var i = 0; i < _patterns.Length; i++)
        {
            if (_patterns[i].Matches(exchange.MatchPath, null))
            {
                if (_captures[i])
                {
                    _patterns[i].Matches(exchange.MatchPath, exchange.SetVariable);
                }

                return true;
            }
        }

        return false;
    }

    public string Describe() => $"Paths: [{string.Join(", ", patterns.Select(p => p.Text))}]";
}

/// <summary><c>Host=**.example.org,{sub}.example.com</c>: Ant-style host patterns, case-insensitive, port ignored.</summary>
internal sealed class HostPredicate(IReadOnlyList<string> patterns) : IRoutePredicate
{
    private readonly Regex[] _regexes = patterns.Select(Compile).ToArray();

    public bool Matches(GatewayExchange exchange)
    {
        var host = exchange.Context.Request.Host.Host;
        foreach (var regex in _regexes)
        {
            var match = regex.Match(host);
            if (match.Success)
            {
                foreach (var name in regex.GetGroupNames().Where(n => !char.IsAsciiDigit(n[0])))
                {
                    exchange.SetVariable(name, match.Groups[name].Value);
                }

                return true;
            }
        }

        return false;
    }

    public string Describe() => $"Hosts: [{string.Join(", ", patterns)}]";

    private static Regex Compile(string pattern)
    {
        var host = pattern.Contains(':', StringComparison.Ordinal) && !pattern.Contains('{', StringComparison.Ordinal) ? pattern[..pattern.IndexOf(':', StringComparison.Ordinal)] : pattern;
        var text = new System.Text.StringBuilder("^");
        for (var i = 0; i < host.Length; i++)
        {
            if (host.AsSpan(i).StartsWith("**."))
            {
                text.Append(@"(?:[^.]+\.)*");
                i += 2;
            }
            else if (host[i] == '*')
            {
                text.Append("[^.]*");
            }
            else if (host[i] == '?')
            {
                text.Append("[^.]");
            }
            else if (host[i] == '{')
            {
                var close = host.IndexOf('}', i);
                if (close < 0)
                {
                    throw new FormatException($"host pattern '{pattern}': '{{' without '}}'");
                }

                var name = host[(i + 1)..close];
                if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') || char.IsAsciiDigit(name[0]))
                {
                    throw new FormatException($"host pattern '{pattern}': variable name '{name}' must be letters, digits or '_'");
                }

                text.Append("(?<").Append(name).Append(">[^.]+)");
                i = close;
            }
            else
            {
                text.Append(Regex.Escape(host[i].ToString()));
            }
        }

        return new Regex(text.Append('$').ToString(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
    }
}

/// <summary><c>Method=GET,POST</c>.</summary>
internal sealed class MethodPredicate(IReadOnlyList<string> methods) : IRoutePredicate
{
    private readonly string[] _methods = methods.Select(m => m.ToUpperInvariant()).ToArray();

    public bool Matches(GatewayExchange exchange)
    {
        var method = exchange.Context.Request.Method;
        foreach (var candidate in _methods)
        {
            if (string.Equals(candidate, method, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    public string Describe() => $"Methods: [{string.Join(", ", _methods)}]";
}

/// <summary>
/// <c>Header=X-Request-Id, \d+</c>, <c>Query=color, gree.</c>, <c>Cookie=chocolate, ch.p</c>: the value must exist and,
/// when a pattern is given, one value must match it whole.
/// </summary>
internal sealed class ValuePredicate(ValueSource source, string name, Regex? pattern) : IRoutePredicate
{
    public bool Matches(GatewayExchange exchange)
    {
        var request = exchange.Context.Request;
        switch (source)
        {
            case ValueSource.Cookie:
                return request.Cookies.TryGetValue(name, out var cookie) && (pattern is null || pattern.IsMatch(cookie));
            case ValueSource.Header:
                return AnyMatches(request.Headers.TryGetValue(name, out var header) ? header : default);
            default:
                return AnyMatches(request.Query.TryGetValue(name, out var query) ? query : default);
        }
    }

    public string Describe() => $"{source}: {name}{(pattern is null ? string.Empty : " regexp=" + pattern)}";

    private bool AnyMatches(Microsoft.Extensions.Primitives.StringValues values)
    {
        if (values.Count == 0)
        {
            return false;
        }

        if (pattern is null)
        {
            return true;
        }

        foreach (var value in values)
        {
            if (value is not null && pattern.IsMatch(value))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>Where a <see cref="ValuePredicate"/> looks.</summary>
internal enum ValueSource
{
    /// <summary>A request header.</summary>
    Header,

    /// <summary>A query parameter.</summary>
    Query,

    /// <summary>A cookie.</summary>
    Cookie,
}

/// <summary><c>After=…</c>, <c>Before=…</c>, <c>Between=…,…</c>: the request time against instants.</summary>
internal sealed class TimePredicate(DateTimeOffset? after, DateTimeOffset? before) : IRoutePredicate
{
    public bool Matches(GatewayExchange exchange) =>
        (after is null || exchange.Now > after) && (before is null || exchange.Now < before);

    public string Describe() => $"{(after is null ? string.Empty : "After: " + after.Value.ToString("O", System.Globalization.CultureInfo.InvariantCulture))}{(after is not null && before is not null ? ", " : string.Empty)}{(before is null ? string.Empty : "Before: " + before.Value.ToString("O", System.Globalization.CultureInfo.InvariantCulture))}";
}

/// <summary><c>RemoteAddr=192.168.1.1/24,10.0.0.7</c>: the client address (through trusted proxies) is in one of the ranges.</summary>
internal sealed class RemoteAddrPredicate(IReadOnlyList<IPNetwork> networks, IReadOnlyList<string> sources) : IRoutePredicate
{
    public bool Matches(GatewayExchange exchange)
    {
        if (Proxy.ClientAddress.Normalize(exchange.ClientAddress) is not { } address)
        {
            return false;
        }

        foreach (var network in networks)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    public string Describe() => $"RemoteAddrs: [{string.Join(", ", sources)}]";
}

/// <summary><c>Weight=group, 8</c>: routes of one group share traffic by weight; one route of the group is chosen per request.</summary>
internal sealed class WeightPredicate(string group, string routeId, WeightGroups groups) : IRoutePredicate
{
    public bool Matches(GatewayExchange exchange) =>
        string.Equals(exchange.ChooseWeighted(group, () => groups.Choose(group)), routeId, StringComparison.Ordinal);

    public string Describe() => $"Weight: {group} {groups.WeightOf(group, routeId)}";
}
