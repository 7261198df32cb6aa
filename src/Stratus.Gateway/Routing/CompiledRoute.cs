using Stratus.Gateway.Definitions;
using Stratus.Gateway.Filters;
using Stratus.Gateway.Predicates;

namespace Stratus.Gateway.Routing;

/// <summary>A route ready to serve: its predicates and filters built once, its destination parsed.</summary>
internal sealed record CompiledRoute(
    RouteDefinition Definition,
    string DestinationPrefix,
    bool LoadBalanced,
    IRoutePredicate[] Predicates,
    IGatewayFilter[] Filters,
    TimeSpan? ResponseTimeout,
    TimeSpan? ConnectTimeout,
    Security.RouteAuthorization? Authorization)
{
    /// <summary>A filter keys on the caller's principal, so a bearer token is read even when the route does not require one.</summary>
    public bool NeedsPrincipal { get; } = Filters.OfType<RequestRateLimiterFilter>().Any(f => f.UsesPrincipal);

    public string Id => Definition.Id;

    public bool Matches(GatewayExchange exchange)
    {
        foreach (var predicate in Predicates)
        {
            if (!predicate.Matches(exchange))
            {
                exchange.ClearVariables();
                return false;
            }
        }

        return true;
    }
}
