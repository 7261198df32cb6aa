using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Stratus.Gateway.Definitions;

/// <summary>
/// Reads routes and default filters from configuration: <c>Stratus:Gateway</c> first, else Spring's
/// <c>spring:cloud:gateway:server:webflux</c> or older <c>spring:cloud:gateway</c>. Each predicate or filter is a
/// shorthand string (<c>Path=/org/**</c>) or a section with <c>name</c> and <c>args</c>. Problems are collected per
/// route, naming it and the field; a route with a problem is left out, the others are kept.
/// </summary>
internal static class RouteDefinitionReader
{
    public static readonly string[] Roots = ["Stratus:Gateway", "spring:cloud:gateway:server:webflux", "spring:cloud:gateway"];

    public static (List<RouteDefinition> Routes, List<PluginDefinition> DefaultFilters, List<string> Errors) Read(IConfiguration configuration)
    {
        var errors = new List<string>();
        var root = Roots.Select(configuration.GetSection).FirstOrDefault(s => s.GetSection("routes").Exists() || s.GetSection("default-filters").Exists() || s.GetSection("DefaultFilters").Exists())
            ?? configuration.GetSection(Roots[0]);
        var routes = new List<RouteDefinition>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var position = 0;
        foreach (var section in Children(root.GetSection("routes")))
        {
            var id = Value(section, "id");
            var label = id is null ? $"routes[{section.Key}]" : $"route '{id}'";
            var before = errors.Count;
            if (string.IsNullOrWhiteSpace(id))
            {
                errors.Add($"{label}: id is required");
            }
            else if (!ids.Add(id))
            {
                errors.Add($"{label}: id is used by an earlier route");
            }

            var uri = Value(section, "uri");
            var orderText = Value(section, "order");
            var order = 0;
            if (orderText is not null && !int.TryParse(orderText, NumberStyles.Integer, CultureInfo.InvariantCulture, out order))
            {
                errors.Add($"{label}: order '{orderText}' is not an integer");
            }

            var predicates = Plugins(section.GetSection("predicates"), label, "predicates", errors);
            var filters = Plugins(section.GetSection("filters"), label, "filters", errors);
            var metadata = section.GetSection("metadata").GetChildren()
                .Where(m => m.Value is not null)
                .ToDictionary(m => m.Key, m => m.Value!, StringComparer.OrdinalIgnoreCase);
            if (errors.Count == before)
            {
                routes.Add(new RouteDefinition(id!, uri, order, predicates, filters, metadata, position++));
            }
        }

        var defaults = root.GetSection("default-filters").Exists() ? root.GetSection("default-filters") : root.GetSection("DefaultFilters");
        var defaultFilters = Plugins(defaults, "default filters", "filters", errors);
        return (routes, defaultFilters, errors);
    }

    private static List<PluginDefinition> Plugins(IConfigurationSection section, string label, string field, List<string> errors)
    {
        var list = new List<PluginDefinition>();
        foreach (var item in Children(section))
        {
            if (item.Value is { } shortcut)
            {
                if (string.IsNullOrWhiteSpace(shortcut) || shortcut.TrimStart().StartsWith('='))
                {
                    errors.Add($"{label}: {field}[{item.Key}] '{shortcut}' has no name");
                    continue;
                }

                list.Add(PluginDefinition.ParseShortcut(shortcut));
                continue;
            }

            var name = Value(item, "name");
            if (string.IsNullOrWhiteSpace(name))
            {
                errors.Add($"{label}: {field}[{item.Key}] has no name");
                continue;
            }

            var args = new List<KeyValuePair<string, string>>();
            foreach (var arg in item.GetSection("args").GetChildren())
            {
                AddArgument(args, arg.Key, arg);
            }

            list.Add(new PluginDefinition(name.Trim(), args));
        }

        return list;
    }

    /// <summary>
    /// A value; or a list (children 0, 1, …) kept in order under one name; or a nested map, whose keys join with dots
    /// (<c>redis-rate-limiter.replenishRate</c>, however it was written: dotted in JSON or nested in YAML).
    /// </summary>
    private static void AddArgument(List<KeyValuePair<string, string>> args, string name, IConfigurationSection section)
    {
        if (section.Value is { } value)
        {
            args.Add(new(name, value));
            return;
        }

        foreach (var child in Children(section))
        {
            if (int.TryParse(child.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                if (child.Value is { } item)
                {
                    args.Add(new(name, item));
                }
            }
            else
            {
                AddArgument(args, name + "." + child.Key, child);
            }
        }
    }

    /// <summary>Children of a list section in index order (configuration sorts keys as strings: 10 before 2).</summary>
    private static IEnumerable<IConfigurationSection> Children(IConfigurationSection section) =>
        section.GetChildren().OrderBy(c => int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : int.MaxValue).ThenBy(c => c.Key, StringComparer.Ordinal);

    private static string? Value(IConfigurationSection section, string key) => section[key];
}
