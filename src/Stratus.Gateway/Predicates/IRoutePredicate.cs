using Stratus.Gateway.Routing;

namespace Stratus.Gateway.Predicates;

/// <summary>One compiled predicate of a route; every predicate of a route must match.</summary>
internal interface IRoutePredicate
{
    bool Matches(GatewayExchange exchange);

    /// <summary>How the predicate reads in <c>/actuator/gateway/routes</c>.</summary>
    string Describe();
}
