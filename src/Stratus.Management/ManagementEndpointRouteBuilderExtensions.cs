using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Stratus.Management;
using Stratus.Management.Env;
using Stratus.Management.Health;
using Stratus.Management.Http;
using Stratus.Management.Info;
using Stratus.Management.Logging;
using Stratus.Management.Metrics;
using Stratus.Management.Threads;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the Stratus actuator endpoints.</summary>
public static class ManagementEndpointRouteBuilderExtensions
{
    private static readonly string[] Get = [HttpMethods.Get, HttpMethods.Head];

    /// <summary>
    /// Maps the exposed actuator endpoints under <c>Stratus:Management:BasePath</c> (default <c>/actuator</c>): by default
    /// only <c>health</c> and <c>info</c>, plus the links page at the base path. Endpoints other than health and info
    /// answer only loopback or authenticated callers. Calling it again on the same route builder does nothing.
    /// </summary>
    /// <param name="endpoints">The route builder.</param>
    /// <returns>The same route builder, for chaining.</returns>
    public static IEndpointRouteBuilder MapStratusManagement(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var services = endpoints.ServiceProvider;
        var marker = services.GetService<ManagementMarker>()
            ?? throw new InvalidOperationException("Call services.AddStratusManagement(configuration) before app.MapStratusManagement().");
        if (!marker.TryMap(endpoints))
        {
            return endpoints;
        }

        var options = services.GetRequiredService<IOptions<ManagementOptions>>().Value;
        var basePath = (options.BasePath ?? string.Empty).TrimEnd('/');
        var exposure = new EndpointExposure(options.Exposure);
        var access = services.GetRequiredService<ManagementAccess>();
        var source = services.GetRequiredService<EndpointDataSource>();

        void Map(string id, string path, RequestDelegate handler, string[]? methods = null)
        {
            var sensitive = id is not EndpointIds.Health and not EndpointIds.Info;
            endpoints.MapMethods(basePath + path, methods ?? Get, sensitive ? access.Guard(handler) : handler)
                .WithDisplayName($"Actuator web endpoint '{id}'");
        }

        if (basePath.Length > 0)
        {
            endpoints.MapMethods(basePath, Get, new IndexEndpoint(source, basePath).GetAsync).WithDisplayName("Actuator root web endpoint");
        }

        if (exposure.IsExposed(EndpointIds.Health))
        {
            var health = services.GetRequiredService<HealthEndpoint>();
            Map(EndpointIds.Health, "/health", health.RootAsync);
            Map(EndpointIds.Health, "/health/{*path}", health.PathAsync);
        }

        if (exposure.IsExposed(EndpointIds.Info))
        {
            Map(EndpointIds.Info, "/info", services.GetRequiredService<InfoEndpoint>().GetAsync);
        }

        if (exposure.IsExposed(EndpointIds.Env))
        {
            var env = services.GetRequiredService<EnvEndpoint>();
            Map(EndpointIds.Env, "/env", env.AllAsync);
            Map(EndpointIds.Env, "/env/{toMatch}", env.OneAsync);
        }

        if (exposure.IsExposed(EndpointIds.ConfigProps))
        {
            Map(EndpointIds.ConfigProps, "/configprops", services.GetRequiredService<ConfigPropsEndpoint>().AllAsync);
        }

        if (exposure.IsExposed(EndpointIds.Loggers))
        {
            var loggers = services.GetRequiredService<LoggersEndpoint>();
            Map(EndpointIds.Loggers, "/loggers", loggers.AllAsync);
            Map(EndpointIds.Loggers, "/loggers/{name}", loggers.OneAsync);
            Map(EndpointIds.Loggers, "/loggers/{name}", loggers.SetAsync, [HttpMethods.Post]);
        }

        if (exposure.IsExposed(EndpointIds.Metrics))
        {
            var metrics = services.GetRequiredService<MetricsEndpoint>();
            Map(EndpointIds.Metrics, "/metrics", metrics.NamesAsync);
            Map(EndpointIds.Metrics, "/metrics/{requiredMetricName}", metrics.OneAsync);
        }

        if (exposure.IsExposed(EndpointIds.Prometheus))
        {
            endpoints.MapPrometheusScrapingEndpoint(basePath + "/prometheus", meterProvider: null, configureBranchedPipeline: app => app.Use(access.Guard), optionsName: null)
                .WithMetadata(new HttpMethodMetadata(Get))
                .WithDisplayName($"Actuator web endpoint '{EndpointIds.Prometheus}'");
        }

        if (exposure.IsExposed(EndpointIds.Mappings))
        {
            Map(EndpointIds.Mappings, "/mappings", new MappingsEndpoint(source).GetAsync);
        }

        if (exposure.IsExposed(EndpointIds.ThreadDump))
        {
            Map(EndpointIds.ThreadDump, "/threaddump", ThreadDumpEndpoint.GetAsync);
        }

        return endpoints;
    }
}
