using Stratus.Gateway.Routing;

namespace Stratus.Gateway.Filters;

/// <summary>One compiled filter. It shapes the upstream request and the response through the exchange, or answers itself.</summary>
internal interface IGatewayFilter
{
    /// <summary>Runs before forwarding; returns <see langword="false"/> when the filter has answered the request itself.</summary>
    ValueTask<bool> ApplyAsync(GatewayExchange exchange);

    /// <summary>How the filter reads in <c>/actuator/gateway/routes</c>.</summary>
    string Describe();
}
