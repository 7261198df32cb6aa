using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Stratus.Gateway.Definitions;

namespace Stratus.Gateway.Predicates;

/// <summary>
/// Builds a predicate from its definition, with Spring's names and shorthand argument order. Arguments are literals:
/// nothing in them is evaluated. A bad argument throws <see cref="FormatException"/> naming it.
/// </summary>
internal static class PredicateFactory
{
    public static readonly string[] Names = ["Path", "Host", "Method", "Header", "Query", "Cookie", "After", "Before", "Between", "RemoteAddr", "Weight"];

    public static IRoutePredicate Create(PluginDefinition definition, string routeId, WeightGroups weights) => Canonical(definition.Name) switch
    {
        "Path" => Path(new PluginArgs(definition, ShortcutType.GatherListTailFlag, "patterns", "matchTrailingSlash")),
        "Host" => new HostPredicate(new PluginArgs(definition, ShortcutType.GatherList, "patterns").List("patterns")),
        "Method" => Method(new PluginArgs(definition, ShortcutType.GatherList, "methods")),
        "Header" => Value(ValueSource.Header, new PluginArgs(definition, ShortcutType.Default, "header", "regexp"), "header"),
        "Query" => Value(ValueSource.Query, new PluginArgs(definition, ShortcutType.Default, "param", "regexp"), "param"),
        "Cookie" => Value(ValueSource.Cookie, new PluginArgs(definition, ShortcutType.Default, "name", "regexp"), "name"),
        "After" => new TimePredicate(Instant(new PluginArgs(definition, ShortcutType.Default, "datetime").Required("datetime")), null),
        "Before" => new TimePredicate(null, Instant(new PluginArgs(definition, ShortcutType.Default, "datetime").Required("datetime"))),
        "Between" => Between(new PluginArgs(definition, ShortcutType.Default, "datetime1", "datetime2")),
        "RemoteAddr" => RemoteAddr(new PluginArgs(definition, ShortcutType.GatherList, "sources")),
        "Weight" => Weight(new PluginArgs(definition, ShortcutType.Default, "group", "weight"), routeId, weights),
        _ => throw new FormatException($"unknown predicate '{definition.Name}'; known: {string.Join(", ", Names)}"),
    };

    private static string? Canonical(string name) => Names.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));

    private static PathPredicate Path(PluginArgs args)
    {
        var trailing = args.Bool("matchTrailingSlash", true);
        return new PathPredicate(args.List("patterns").Select(p => new PathPattern(p, trailing)).ToArray());
    }

    private static MethodPredicate Method(PluginArgs args)
    {
        var methods = args.List("methods");
        foreach (var method in methods)
        {
            if (method.Length == 0 || !method.All(char.IsAsciiLetter))
            {
                throw new FormatException($"'{method}' is not an HTTP method");
            }
        }

        return new MethodPredicate(methods);
    }

    private static ValuePredicate Value(ValueSource source, PluginArgs args, string nameField)
    {
        var name = args.Required(nameField);
        var pattern = args.Optional("regexp");
        return new ValuePredicate(source, name, pattern is null ? null : WholeMatch(pattern));
    }

    /// <summary>Spring matches the whole value (<c>String.matches</c>); a time limit bounds a pathological pattern.</summary>
    public static Regex WholeMatch(string pattern)
    {
        try
        {
            return new Regex("^(?:" + pattern + ")$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"'{pattern}' is not a valid regular expression: {e.Message}");
        }
    }

    private static TimePredicate Between(PluginArgs args)
    {
        var first = Instant(args.Required("datetime1"));
        var second = Instant(args.Required("datetime2"));
        return first < second ? new TimePredicate(first, second) : throw new FormatException("datetime1 must be before datetime2");
    }

    /// <summary>Spring's <c>ZonedDateTime</c> text (<c>2017-01-20T17:42:47.789-07:00[America/Denver]</c>) or epoch milliseconds.</summary>
    public static DateTimeOffset Instant(string text)
    {
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var millis))
        {
            return DateTimeOffset.FromUnixTimeMilliseconds(millis);
        }

        var bracket = text.IndexOf('[', StringComparison.Ordinal);
        var core = bracket < 0 ? text : text[..bracket];
        return DateTimeOffset.TryParse(core, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? instant
            : throw new FormatException($"'{text}' is not a date-time like 2017-01-20T17:42:47.789-07:00[America/Denver]");
    }

    private static RemoteAddrPredicate RemoteAddr(PluginArgs args)
    {
        var sources = args.List("sources");
        var networks = new List<IPNetwork>();
        foreach (var source in sources)
        {
            networks.Add(Proxy.ClientAddress.TryParseNetwork(source, out var network)
                ? network
                : throw new FormatException($"'{source}' is not an IP address or CIDR range"));
        }

        return new RemoteAddrPredicate(networks, sources);
    }

    private static WeightPredicate Weight(PluginArgs args, string routeId, WeightGroups weights)
    {
        var group = args.Required("group");
        var weight = args.Int("weight", min: 0, max: 1_000_000);
        weights.Add(group, routeId, weight);
        return new WeightPredicate(group, routeId, weights);
    }
}
