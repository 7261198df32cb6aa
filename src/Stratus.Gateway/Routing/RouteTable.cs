namespace Stratus.Gateway.Routing;

/// <summary>
/// An immutable set of routes in Spring's order (by <c>order</c>, then as configured). The first route whose
/// predicates all match takes the request. Replaced whole on reload; a request keeps the table it started with.
/// </summary>
internal sealed class RouteTable(IReadOnlyList<CompiledRoute> routes)
{
    public static RouteTable Empty { get; } = new([]);

    private readonly CompiledRoute[] _routes = routes.OrderBy(r => r.Definition.Order).ThenBy(r => r.Definition.Position).ToArray();

    public IReadOnlyList<CompiledRoute> Routes => _routes;

    public CompiledRoute? Match(GatewayExchange exchange)
    {
        foreach (var route in _routes)
        {
            if (route.Matches(exchange))
            {
                return route;
            }
        }

        return null;
    }

    public CompiledRoute? Find(string id) => Array.Find(_routes, r => string.Equals(r.Id, id, StringComparison.Ordinal));
}
