using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Stratus.Config;
using Stratus.Config.Hosting;

namespace Microsoft.Extensions.Hosting;

/// <summary>Adds the Stratus config client to a host.</summary>
public static class ConfigClientHostingExtensions
{
    /// <summary>
    /// Adds the config server as a configuration source (see
    /// <see cref="ConfigClientConfigurationExtensions.AddStratusConfigServer(IConfigurationBuilder, Action{ConfigClientOptions}?)"/>),
    /// with the host's application and environment names as defaults, and the services around it: logging of what
    /// happened before the host existed, the <c>configServer</c> health check and <see cref="ConfigRefresher"/>
    /// (map <c>POST /actuator/refresh</c> with <c>app.MapStratusConfigRefresh()</c>).
    /// </summary>
    /// <param name="builder">The host builder.</param>
    /// <param name="configure">Optional changes applied after configuration.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static IHostApplicationBuilder AddStratusConfigClient(this IHostApplicationBuilder builder, Action<ConfigClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ConfigClientConfigurationExtensions.Add(builder.Configuration, builder.Environment.ApplicationName, builder.Environment.EnvironmentName, configure, hosted: true);
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ConfigRefresher>();
        if (!services.Any(d => d.ServiceType == typeof(ConfigClientMarker)))
        {
            services.AddSingleton<ConfigClientMarker>();
            services.AddHostedService<ConfigClientLoggerAttacher>();
            services.AddHealthChecks().AddCheck<ConfigClientHealthCheck>("configServer", tags: ["stratus"]);
        }

        return builder;
    }

    private sealed class ConfigClientMarker;
}
