using System.Globalization;
using Stratus.Gateway.Definitions;
using Stratus.Gateway.Filters;
using Stratus.Gateway.Predicates;

namespace Stratus.Gateway.Routing;

/// <summary>
/// Turns definitions into routes. Every problem is collected with the route and field it is in
/// (<c>route 'orders': predicates[1] Header: 'x(' is not a valid regular expression</c>); a route with a problem is
/// not built, the others are.
/// </summary>
internal static class RouteCompiler
{
    public static (List<CompiledRoute> Routes, List<string> Errors, HashSet<string> Rejected) Compile(
        IReadOnlyList<RouteDefinition> definitions, IReadOnlyList<PluginDefinition> defaultFilters, FilterServices services)
    {
        var errors = new List<string>();
        var rejected = new HashSet<string>(StringComparer.Ordinal);
        var defaults = new List<IGatewayFilter>();
        for (var i = 0; i < defaultFilters.Count; i++)
        {
            try
            {
                defaults.Add(FilterFactory.Create(defaultFilters[i], services.ForRoute("default")));
            }
            catch (FormatException e)
            {
                errors.Add($"default filters[{i}] {defaultFilters[i].Name}: {e.Message}");
            }
        }

        var weights = new WeightGroups();
        var routes = new List<CompiledRoute>();
        foreach (var definition in definitions)
        {
            var before = errors.Count;
            var label = $"route '{definition.Id}'";
            var (prefix, loadBalanced) = Destination(definition.Uri, label, errors);
            var predicates = new List<IRoutePredicate>();
            for (var i = 0; i < definition.Predicates.Count; i++)
            {
                try
                {
                    predicates.Add(PredicateFactory.Create(definition.Predicates[i], definition.Id, weights));
                }
                catch (FormatException e)
                {
                    errors.Add($"{label}: predicates[{i}] {definition.Predicates[i].Name}: {e.Message}");
                }
            }

            var filters = new List<IGatewayFilter>(defaults);
            for (var i = 0; i < definition.Filters.Count; i++)
            {
                try
                {
                    filters.Add(FilterFactory.Create(definition.Filters[i], services.ForRoute(definition.Id)));
                }
                catch (FormatException e)
                {
                    errors.Add($"{label}: filters[{i}] {definition.Filters[i].Name}: {e.Message}");
                }
            }

            var response = Millis(definition.Metadata, "response-timeout", label, errors);
            var connect = Millis(definition.Metadata, "connect-timeout", label, errors);
            var authorization = Security.RouteAuthorization.From(definition.Metadata, label, errors);
            if (authorization is null && services.JwtConfigured && filters.OfType<TokenRelayFilter>().Any())
            {
                // Relay only tokens the gateway itself accepts.
                authorization = new Security.RouteAuthorization([], []);
            }

            if (authorization is not null && !services.JwtConfigured)
            {
                errors.Add($"{label}: metadata auth-* needs Stratus:Gateway:Jwt:Authority or Stratus:Gateway:Jwt:JwksUri");
            }
            if (errors.Count > before)
            {
                rejected.Add(definition.Id);
                continue;
            }

            routes.Add(new CompiledRoute(definition, prefix!, loadBalanced, [.. predicates], [.. filters], response, connect, authorization));
        }

        return (routes, errors, rejected);
    }

    /// <summary>
    /// The scheme, host and port of the route URI (Spring ignores its path): <c>http(s)://host[:port]</c>,
    /// <c>lb://service</c>, and the WebSocket forms <c>ws(s)://</c> and <c>lb:ws://</c>, which travel as HTTP upgrades.
    /// </summary>
    private static (string? Prefix, bool LoadBalanced) Destination(string? uri, string label, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(uri))
        {
            errors.Add($"{label}: uri is required");
            return (null, false);
        }

        var text = uri.Trim();
        var loadBalanced = false;
        if (text.StartsWith("lb:ws://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("lb:wss://", StringComparison.OrdinalIgnoreCase))
        {
            text = text[3..];
            loadBalanced = true;
        }
        else if (text.StartsWith("lb://", StringComparison.OrdinalIgnoreCase))
        {
            text = "http://" + text[5..];
            loadBalanced = true;
        }

        if (text.StartsWith("ws://", StringComparison.OrdinalIgnoreCase))
        {
            text = "http://" + text[5..];
        }
        else if (text.StartsWith("wss://", StringComparison.OrdinalIgnoreCase))
        {
            text = "https://" + text[6..];
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var parsed) || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(parsed.Host) || parsed.UserInfo.Length > 0)
        {
            errors.Add($"{label}: uri '{uri}' must be http(s)://host[:port], lb://service-id or ws(s):// (forward: is not supported)");
            return (null, false);
        }

        if (loadBalanced && (parsed.Host.Contains('.', StringComparison.Ordinal) || !parsed.IsDefaultPort))
        {
            errors.Add($"{label}: uri '{uri}': lb:// takes a service id, without dots or a port");
            return (null, false);
        }

        return (parsed.GetLeftPart(UriPartial.Authority), loadBalanced);
    }

    private static TimeSpan? Millis(IReadOnlyDictionary<string, string> metadata, string key, string label, List<string> errors)
    {
        if (!metadata.TryGetValue(key, out var text) && !metadata.TryGetValue(key.Replace("-", string.Empty, StringComparison.Ordinal), out text))
        {
            return null;
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms) && (ms == -1 || (ms > 0 && ms <= int.MaxValue)))
        {
            return ms == -1 ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(ms);
        }

        errors.Add($"{label}: metadata {key} '{text}' must be milliseconds above 0 (or -1 for none)");
        return null;
    }
}
