using System.Text.RegularExpressions;
using Stratus.Gateway.Routing;

namespace Stratus.Gateway.Filters;

/// <summary><c>StripPrefix=2</c>: drops the first path segments; what it drops becomes <c>X-Forwarded-Prefix</c>.</summary>
internal sealed class StripPrefixFilter(int parts) : IGatewayFilter
{
    public ValueTask<bool> ApplyAsync(GatewayExchange exchange)
    {
        var path = exchange.OutgoingPath;
        var index = 0;
        for (var i = 0; i < parts && index >= 0; i++)
        {
            index = path.IndexOf('/', index + 1);
        }

        var stripped = index < 0 ? path : path[..index];
        exchange.StrippedPrefix = (exchange.StrippedPrefix ?? string.Empty) + stripped;
        exchange.OutgoingPath = index < 0 ? "/" : path[index..];
        return ValueTask.FromResult(true);
    }

    public string Describe() => $"StripPrefix parts={parts}";
}

/// <summary><c>PrefixPath=/api</c>: puts a prefix in front of the path.</summary>
internal sealed class PrefixPathFilter(string prefix) : IGatewayFilter
{
    public ValueTask<bool> ApplyAsync(GatewayExchange exchange)
    {
        exchange.OutgoingPath = exchange.Expand(prefix).TrimEnd('/') + exchange.OutgoingPath;
        return ValueTask.FromResult(true);
    }

    public string Describe() => $"PrefixPath prefix={prefix}";
}

/// <summary><c>RewritePath=/red/?(?&lt;segment&gt;.*), /$\{segment}</c>: a regular-expression replacement on the path.</summary>
internal sealed class RewritePathFilter(Regex regex, string replacement) : IGatewayFilter
{
    private readonly string _replacement = replacement.Replace("$\\", "$", StringComparison.Ordinal);

    public ValueTask<bool> ApplyAsync(GatewayExchange exchange)
    {
        var rewritten = regex.Replace(exchange.OutgoingPath, _replacement);
        exchange.OutgoingPath = rewritten.StartsWith('/') ? rewritten : "/" + rewritten;
        return ValueTask.FromResult(true);
    }

    public string Describe() => $"RewritePath {regex} -> {replacement}";
}

/// <summary><c>SetPath=/{segment}</c>: the path from a template with the URI variables of the Path predicate.</summary>
internal sealed class SetPathFilter(string template) : IGatewayFilter
{
    public ValueTask<bool> ApplyAsync(GatewayExchange exchange)
    {
        var path = exchange.Expand(template);
        exchange.OutgoingPath = path.StartsWith('/') ? path : "/" + path;
        return ValueTask.FromResult(true);
    }

    public string Describe() => $"SetPath template={template}";
}

/// <summary><c>AddRequestParameter=red, blue</c>: appends a query parameter.</summary>
internal sealed class AddRequestParameterFilter(string name, string value) : IGatewayFilter
{
    public ValueTask<bool> ApplyAsync(GatewayExchange exchange)
    {
        var pair = Uri.EscapeDataString(name) + "=" + Uri.EscapeDataString(exchange.Expand(value));
        exchange.OutgoingQuery = string.IsNullOrEmpty(exchange.OutgoingQuery) ? "?" + pair : exchange.OutgoingQuery + "&" + pair;
        return ValueTask.FromResult(true);
    }

    public string Describe() => $"AddRequestParameter {name}={value}";
}
