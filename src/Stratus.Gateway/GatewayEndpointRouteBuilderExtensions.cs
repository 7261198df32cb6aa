using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Stratus.Gateway;
using Stratus.Gateway.Http;
using Stratus.Gateway.Proxy;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the gateway.</summary>
public static class GatewayEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Sends every request no other endpoint takes through the gateway's routes, and maps the read-only
    /// <c>GET /actuator/gateway/routes[/{id}]</c>.
    /// </summary>
    /// <param name="endpoints">The route builder.</param>
    /// <returns>The same route builder, for chaining.</returns>
    public static IEndpointRouteBuilder MapStratusGateway(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var services = endpoints.ServiceProvider;
        var handler = services.GetRequiredService<GatewayHandler>();
        if (services.GetRequiredService<IOptions<GatewayOptions>>().Value.ExposeRoutes)
        {
            var routes = services.GetRequiredService<RoutesEndpoint>();
            endpoints.MapGet("/actuator/gateway/routes", routes.ListAsync);
            endpoints.MapGet("/actuator/gateway/routes/{id}", context => routes.OneAsync(context, (string)context.GetRouteValue("id")!));
        }

        endpoints.Map("/{**path}", handler.HandleAsync).WithOrder(int.MaxValue);
        return endpoints;
    }
}
