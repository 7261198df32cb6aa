using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Stratus.Management;
using Stratus.Management.Http;

namespace Stratus.Hosting;

/// <summary>
/// What <c>AddStratus()</c> maps: the actuator endpoints; with the config client, <c>POST /actuator/refresh</c> when
/// <c>refresh</c> is exposed; with the bus, <c>busrefresh</c>, <c>busenv</c> and <c>busshutdown</c> when exposed; each
/// guarded like every sensitive actuator endpoint (loopback or an authorised caller).
/// </summary>
internal static class StratusEndpoints
{
    private const string RefreshId = "refresh";

    public static void Map(IEndpointRouteBuilder endpoints, StratusParts parts)
    {
        // Once per route builder, whether the startup filter or app.MapStratus() comes first.
        if (endpoints.DataSources.OfType<MarkerDataSource>().Any())
        {
            return;
        }

        endpoints.DataSources.Add(new MarkerDataSource());
        endpoints.MapStratusManagement();
        var services = endpoints.ServiceProvider;
        var options = services.GetRequiredService<IOptions<ManagementOptions>>().Value;
        var exposure = new EndpointExposure(options.Exposure);
        var basePath = (options.BasePath ?? string.Empty).TrimEnd('/') + "/";
        var access = services.GetRequiredService<ManagementAccess>();
        if (parts.ConfigClient && exposure.IsExposed(RefreshId))
        {
            Guard(endpoints.MapStratusConfigRefresh(basePath + RefreshId), access);
        }

        if (parts.Bus is not null)
        {
            foreach (var (id, map) in BusEndpoints)
            {
                if (exposure.IsExposed(id))
                {
                    Guard(map(endpoints, basePath + id), access);
                }
            }
        }
    }

    private static readonly (string Id, Func<IEndpointRouteBuilder, string, IEndpointConventionBuilder> Map)[] BusEndpoints =
    [
        ("busrefresh", (endpoints, path) => endpoints.MapStratusBusRefresh(path)),
        ("busenv", (endpoints, path) => endpoints.MapStratusBusEnv(path)),
        ("busshutdown", (endpoints, path) => endpoints.MapStratusBusShutdown(path)),
    ];

    private static void Guard(IEndpointConventionBuilder endpoint, ManagementAccess access) =>
        endpoint.Add(e => e.RequestDelegate = access.Guard(e.RequestDelegate ?? (_ => Task.CompletedTask)));

    /// <summary>An empty endpoint source that marks a route builder as already holding the Stratus endpoints.</summary>
    private sealed class MarkerDataSource : EndpointDataSource
    {
        public override IReadOnlyList<Endpoint> Endpoints => [];

        public override IChangeToken GetChangeToken() => new CancellationChangeToken(CancellationToken.None);
    }
}
