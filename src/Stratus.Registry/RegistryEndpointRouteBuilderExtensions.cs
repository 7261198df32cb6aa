using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Stratus.Registry;
using Stratus.Registry.Dashboard;
using Stratus.Registry.Http;
using Stratus.Registry.Replication;
using Stratus.Registry.Watch;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the registry's HTTP surface.</summary>
public static class RegistryEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the Eureka REST API under <c>/eureka</c> (and <c>/eureka/v2</c>, Netflix's own prefix), the watch endpoint
    /// <c>/eureka/watch</c>, <c>/actuator/health</c> and the dashboard at <c>/</c>.
    /// </summary>
    /// <param name="endpoints">The route builder.</param>
    /// <returns>The same builder.</returns>
    public static IEndpointRouteBuilder MapStratusRegistry(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var services = endpoints.ServiceProvider;
        var writes = services.GetRequiredService<InstanceWriteEndpoints>();
        var queries = services.GetRequiredService<QueryEndpoints>();
        var watch = services.GetRequiredService<WatchEndpoint>();
        var status = services.GetRequiredService<StatusEndpoint>();
        var batch = services.GetRequiredService<ReplicationBatchEndpoint>();

        foreach (var prefix in new[] { "/eureka", "/eureka/v2" })
        {
            endpoints.MapPost(prefix + "/apps/{app}", writes.RegisterAsync);
            endpoints.MapPut(prefix + "/apps/{app}/{id}", writes.RenewAsync);
            endpoints.MapDelete(prefix + "/apps/{app}/{id}", writes.CancelAsync);
            endpoints.MapPut(prefix + "/apps/{app}/{id}/status", writes.UpdateStatusAsync);
            endpoints.MapDelete(prefix + "/apps/{app}/{id}/status", writes.DeleteStatusOverrideAsync);
            endpoints.MapPut(prefix + "/apps/{app}/{id}/metadata", writes.UpdateMetadataAsync);
            endpoints.MapGet(prefix + "/apps", queries.GetApplicationsAsync);
            endpoints.MapGet(prefix + "/apps/delta", queries.GetDeltaAsync);
            endpoints.MapGet(prefix + "/apps/{app}", queries.GetApplicationAsync);
            endpoints.MapGet(prefix + "/apps/{app}/{id}", queries.GetInstanceAsync);
            endpoints.MapGet(prefix + "/instances/{id}", queries.FindInstanceAsync);
            endpoints.MapGet(prefix + "/vips/{vip}", queries.GetVipAsync);
            endpoints.MapGet(prefix + "/svips/{vip}", queries.GetSecureVipAsync);
            endpoints.MapGet(prefix + "/watch", watch.HandleAsync);
            endpoints.MapGet(prefix + "/status", status.HandleAsync);
            endpoints.MapPost(prefix + "/peerreplication/batch", batch.HandleAsync);
        }

        endpoints.MapGet("/actuator/health", services.GetRequiredService<HealthEndpoint>().HealthAsync);
        if (services.GetRequiredService<IOptions<RegistryOptions>>().Value.EnableDashboard)
        {
            endpoints.MapGet("/", services.GetRequiredService<DashboardPage>().RenderAsync);
        }

        return endpoints;
    }
}
