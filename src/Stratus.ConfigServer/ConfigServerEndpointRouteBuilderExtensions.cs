using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Stratus.Bus;
using Stratus.ConfigServer;
using Stratus.ConfigServer.Http;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the config server's endpoints.</summary>
public static class ConfigServerEndpointRouteBuilderExtensions
{
    private static readonly string[] ReadMethods = [HttpMethods.Get, HttpMethods.Head];

    /// <summary>
    /// Maps Spring Cloud Config's HTTP API under <c>Stratus:ConfigServer:Prefix</c>: environments, flattened files,
    /// plain-text resources, <c>/encrypt</c>, <c>/decrypt</c>, <c>/encrypt/status</c>, <c>/key</c>, <c>/monitor</c>,
    /// <c>/actuator/health</c> and <c>/actuator/refresh</c>, and, with the bus added, <c>/actuator/busrefresh</c> and
    /// <c>/actuator/busenv</c> (admin endpoints like <c>/actuator/refresh</c>: the admin user, else loopback only).
    /// </summary>
    /// <param name="endpoints">The route builder.</param>
    /// <returns>The route group, for adding conventions.</returns>
    public static RouteGroupBuilder MapStratusConfigServer(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<ConfigServerOptions>>().Value;
        var group = endpoints.MapGroup(options.Prefix ?? string.Empty);
        var read = endpoints.ServiceProvider.GetRequiredService<ReadEndpoint>();
        var admin = endpoints.ServiceProvider.GetRequiredService<AdminEndpoints>();
        var encryption = endpoints.ServiceProvider.GetRequiredService<EncryptionEndpoints>();

        group.MapGet("/actuator/health", admin.HealthAsync);
        group.MapPost("/actuator/refresh", admin.RefreshAsync);
        group.MapPost("/monitor", admin.MonitorAsync);
        group.MapGet("/encrypt/status", encryption.StatusAsync);
        group.MapGet("/key", encryption.KeyAsync);
        group.MapGet("/key/{application}/{profiles}", encryption.KeyAsync);
        group.MapPost("/encrypt", encryption.EncryptAsync);
        group.MapPost("/encrypt/{application}/{profiles}", encryption.EncryptAsync);
        group.MapPost("/decrypt", encryption.DecryptAsync);
        group.MapPost("/decrypt/{application}/{profiles}", encryption.DecryptAsync);
        if (endpoints.ServiceProvider.GetService<IBusPublisher>() is not null)
        {
            var access = endpoints.ServiceProvider.GetRequiredService<AccessControl>();
            var time = endpoints.ServiceProvider.GetRequiredService<TimeProvider>();
            group.MapStratusBusRefresh().Add(endpoint => endpoint.RequestDelegate = AdminOnly(endpoint.RequestDelegate, access, time));
            group.MapStratusBusEnv().Add(endpoint => endpoint.RequestDelegate = AdminOnly(endpoint.RequestDelegate, access, time));
        }

        // HEAD as Spring MVC answers it for every GET mapping: same status and headers (ETag included), no body.
        group.MapMethods("/{**path}", ReadMethods, context => read.HandleAsync(context, context.Request.RouteValues["path"] as string ?? string.Empty)).WithOrder(int.MaxValue);
        return group;
    }

    private static RequestDelegate AdminOnly(RequestDelegate? inner, AccessControl access, TimeProvider time) => async context =>
    {
        if (access.CheckAdmin(context) is { } denied)
        {
            await ErrorResponse.WriteAsync(context, denied.Status, denied.Message, time).ConfigureAwait(false);
            return;
        }

        if (inner is not null)
        {
            await inner(context).ConfigureAwait(false);
        }
    };
}
