using Microsoft.AspNetCore.Http;
using Stratus.Gateway.Routing;
using Stratus.Security.Tokens;

namespace Stratus.Gateway.Filters;

/// <summary>
/// <c>TokenRelay</c> (Spring Cloud Gateway's name): the caller's bearer token goes to the upstream. A request without
/// one is answered 401 with a bearer challenge and never forwarded. With <c>Stratus:Gateway:Jwt</c> settings the route
/// also validates the token first (the route compiler marks it as requiring a caller), so a forged token stops here.
/// Spring's <c>clientRegistrationId</c> argument is accepted and ignored: the gateway relays, it does not log users in.
/// </summary>
internal sealed class TokenRelayFilter : IGatewayFilter
{
    public ValueTask<bool> ApplyAsync(GatewayExchange exchange)
    {
        var headers = exchange.Context.Request.Headers.Authorization;
        if (headers.Count == 1 && BearerToken.From(headers[0]) is not null)
        {
            return ValueTask.FromResult(true);
        }

        var response = exchange.Context.Response;
        response.StatusCode = StatusCodes.Status401Unauthorized;
        response.Headers.WWWAuthenticate = headers.Count == 0
            ? "Bearer"
            : "Bearer error=\"invalid_request\", error_description=\"The route relays a bearer token and the request carries none\"";
        return ValueTask.FromResult(false);
    }

    public string Describe() => "TokenRelay (relays the caller's bearer token; 401 without one)";
}
