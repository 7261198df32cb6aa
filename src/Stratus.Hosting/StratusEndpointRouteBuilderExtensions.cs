using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Stratus.Hosting;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the endpoints <c>AddStratus()</c> provides, for hosts that build their pipeline by hand.</summary>
public static class StratusEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the actuator endpoints and, with the config client, <c>POST /actuator/refresh</c>. A
    /// <see cref="WebApplication"/> gets them from <c>AddStratus()</c> without this call; calling it as well changes nothing.
    /// </summary>
    /// <param name="endpoints">The route builder.</param>
    /// <returns>The same route builder, for chaining.</returns>
    public static IEndpointRouteBuilder MapStratus(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var parts = endpoints.ServiceProvider.GetService<StratusParts>()
                    ?? throw new InvalidOperationException("Call builder.AddStratus() before app.MapStratus().");
        StratusEndpoints.Map(endpoints, parts);
        return endpoints;
    }
}
