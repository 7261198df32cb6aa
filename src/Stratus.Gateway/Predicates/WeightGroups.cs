namespace Stratus.Gateway.Predicates;

/// <summary>The routes of each Weight group with their weights; chooses one route per request by weight.</summary>
internal sealed class WeightGroups
{
    private readonly Dictionary<string, List<(string RouteId, int Weight)>> _groups = new(StringComparer.Ordinal);

    public void Add(string group, string routeId, int weight)
    {
        if (!_groups.TryGetValue(group, out var routes))
        {
            _groups[group] = routes = [];
        }

        routes.Add((routeId, weight));
    }

    public int WeightOf(string group, string routeId) => _groups.TryGetValue(group, out var routes) ? routes.FirstOrDefault(r => r.RouteId == routeId).Weight : 0;

    public string Choose(string group)
    {
        var routes = _groups[group];
        var total = routes.Sum(r => r.Weight);
        if (total <= 0)
        {
            return routes[0].RouteId;
        }

        var pick = Random.Shared.Next(total);
        foreach (var (routeId, weight) in routes)
        {
            if (pick < weight)
            {
                return routeId;
            }

            pick -= weight;
        }

        return routes[^1].RouteId;
    }
}
