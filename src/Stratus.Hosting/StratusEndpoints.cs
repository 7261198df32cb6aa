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
/// What <c>AddStratus()</c> maps: the actuator endpoints and, with the config client, <c>POST /actuator/refresh</c>
/// when <c>refresh</c> is exposed, guarded like every sensitive actuator endpoint (loopback or an authorised caller).
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
        if (parts.ConfigClient && new EndpointExposure(options.Exposure).IsExposed(RefreshId))
        {
            var access = services.GetRequiredService<ManagementAccess>();
            endpoints.MapStratusConfigRefresh((options.BasePath ?? string.Empty).TrimEnd('/') + "/" + RefreshId)
                .Add(endpoint => endpoint.RequestDelegate = access.Guard(endpoint.RequestDelegate ?? (_ => Task.CompletedTask)));
        }
    }

    /// <summary>An empty endpoint source that marks a route builder as already holding the Stratus endpoints.</summary>
    private sealed class MarkerDataSource : EndpointDataSource
    {
        public override IReadOnlyList<Endpoint> Endpoints => [];

        public override IChangeToken GetChangeToken() => new CancellationChangeToken(CancellationToken.None);
    }
}
