using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Stratus.Bus;
using Stratus.Hosting;

namespace Microsoft.Extensions.Hosting;

/// <summary>Turns on all of Stratus for a service with one call.</summary>
public static class StratusHostApplicationBuilderExtensions
{
    private const string Marker = "Stratus.Hosting.AddStratus";

    /// <summary>
    /// Reads configuration and turns on, for this service: the config client (when a config server is configured),
    /// discovery registration and resolution with client-side load balancing and resilience on every
    /// <see cref="System.Net.Http.IHttpClientFactory"/> client (when a registry is configured), Spring Cloud Bus (when
    /// <c>Stratus:Bus:Enabled</c> is true, on the RabbitMQ or Kafka binder configured), bearer JWT validation with scope
    /// and role policies (when <c>Stratus:Security:ResourceServer</c> names an issuer), tracing, metrics and JSON logs,
    /// health checks and the actuator endpoints, which are mapped when the application starts. A second call changes
    /// nothing. Each part is described in <c>docs/hosting.md</c>. Which parts are on, as decided after the config
    /// server's answer, is registered as <see cref="StratusFeatures"/> (<c>app.Services.GetStratusFeatures()</c>).
    /// </summary>
    /// <param name="builder">The host builder, for example <c>WebApplication.CreateBuilder(args)</c>.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static IHostApplicationBuilder AddStratus(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Properties.ContainsKey(Marker))
        {
            return builder;
        }

        builder.Properties[Marker] = true;
        var configuration = builder.Configuration;
        var parts = StratusParts.From(configuration);

        // First, so every later part reads the values the config server holds for this service.
        if (parts.ConfigClient)
        {
            builder.AddStratusConfigClient();

            // The config server's answer is in the configuration now: switches that only the config repository holds
            // (a registry, an issuer, the bus), as Spring reads them after its config import, count too.
            parts = StratusParts.From(configuration) with { ConfigClient = true };
        }

        if (parts.Bus is { } binder)
        {
            var messaging = builder.AddStratusBus();
            _ = binder == BusBinderKind.Kafka ? messaging.AddKafkaBinder(configuration) : messaging.AddRabbitMqBinder(configuration);
        }

        builder.AddStratusObservability();
        builder.Services.AddHealthChecks();
        builder.Services.AddStratusManagement(configuration);
        if (parts.Discovery)
        {
            builder.Services.AddStratusLoadBalancing();
            if (parts.LoadBalanceAllClients)
            {
                builder.Services.ConfigureHttpClientDefaults(http => http.AddStratusLoadBalancing());
            }
        }

        if (parts.ResourceServer)
        {
            builder.Services.AddStratusResourceServer(configuration);
        }

        if (parts.MapEndpoints)
        {
            builder.Services.AddSingleton<IStartupFilter>(new StratusEndpointsStartupFilter(parts));
        }

        builder.Services.AddSingleton(parts);
        builder.Services.AddSingleton(new StratusFeatures(parts));
        return builder;
    }
}
