using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;

namespace Stratus.Hosting;

/// <summary>
/// Maps the Stratus endpoints without <c>app.MapStratus()</c>. Once the application's pipeline is built, a
/// <see cref="WebApplication"/> that maps endpoints of its own has left its route builder under the property
/// <c>UseRouting</c> reads; the Stratus endpoints join those routes (the route table is built at the first request), so
/// they run after the application's own middleware (authentication, forwarded headers) like any endpoint of its own.
/// An application without endpoints of its own gets a routing step for them at the end of its pipeline.
/// </summary>
internal sealed class StratusEndpointsStartupFilter(StratusParts parts) : IStartupFilter
{
    // The property ASP.NET Core's UseRouting() leaves the route builder under (stable since .NET 6).
    private const string RouteBuilderKey = "__EndpointRouteBuilder";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        next(app);
        if (app.Properties.TryGetValue(RouteBuilderKey, out var value) && value is IEndpointRouteBuilder endpoints)
        {
            StratusEndpoints.Map(endpoints, parts);
        }
        else
        {
            app.UseRouting();
            app.UseEndpoints(routes => StratusEndpoints.Map(routes, parts));
        }
    };
}
