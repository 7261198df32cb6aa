namespace Stratus.Gateway.Definitions;

/// <summary>One route as configured, Spring Cloud Gateway's shape: id, uri, order, predicates, filters, metadata.</summary>
internal sealed record RouteDefinition(
    string Id,
    string? Uri,
    int Order,
    IReadOnlyList<PluginDefinition> Predicates,
    IReadOnlyList<PluginDefinition> Filters,
    IReadOnlyDictionary<string, string> Metadata,
    int Position);
