using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using Stratus.Management;
using Stratus.Management.Env;
using Stratus.Management.Health;
using Stratus.Management.Http;
using Stratus.Management.Info;
using Stratus.Management.Logging;
using Stratus.Management.Metrics;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the Stratus actuator endpoints.</summary>
public static class ManagementServiceCollectionExtensions
{
    /// <summary>
    /// Adds the services behind Spring Boot Actuator-style endpoints, with settings from <c>Stratus:Management</c>:
    /// ASP.NET Core health checks (<c>AddHealthChecks()</c>), runtime logger levels, and an OpenTelemetry meter provider
    /// with a pull reader for <c>metrics</c> and the Prometheus exporter. Map them with <c>app.MapStratusManagement()</c>.
    /// Calling it again does nothing.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration holding <c>Stratus:Management</c>.</param>
    /// <returns>The same services, for chaining.</returns>
    public static IServiceCollection AddStratusManagement(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(ManagementMarker)))
        {
            return services;
        }

        services.AddSingleton<ManagementMarker>();
        var section = configuration.GetSection(ManagementOptions.SectionName);
        services.AddOptions<ManagementOptions>().Bind(section).PostConfigure(options => ReadLists(section, configuration, options)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ManagementOptions>, ManagementOptionsRules>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ManagementAccess>();

        services.AddHealthChecks();
        services.TryAddSingleton<ApplicationAvailability>();
        services.AddHostedService(sp => sp.GetRequiredService<ApplicationAvailability>());
        services.TryAddSingleton<HealthEndpoint>();

        services.TryAddSingleton(_ => BuildInfo.From(Assembly.GetEntryAssembly()));
        services.TryAddSingleton<InfoEndpoint>();
        services.TryAddSingleton<EnvEndpoint>();
        services.TryAddSingleton<ConfigPropsEndpoint>();

        services.TryAddSingleton<LoggerLevelOverrides>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<LoggerFilterOptions>, LoggerLevelOverrides>(sp => sp.GetRequiredService<LoggerLevelOverrides>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOptionsChangeTokenSource<LoggerFilterOptions>, LoggerLevelOverrides>(sp => sp.GetRequiredService<LoggerLevelOverrides>()));
        services.TryAddSingleton<LoggerCategoryRecorder>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILoggerProvider, LoggerCategoryRecorder>(sp => sp.GetRequiredService<LoggerCategoryRecorder>()));
        services.TryAddSingleton<LoggersEndpoint>();

        services.TryAddSingleton<MetricsCollector>();
        services.TryAddSingleton<MetricsEndpoint>();
        var meters = section.GetSection("Metrics:Meters").GetChildren().Select(c => c.Value).Append(section["Metrics:Meters"])
            .SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.Ordinal).ToArray();
        // A reader aggregates every measurement of every meter it listens to, so only an exposed endpoint gets one: a
        // service that exposes neither metrics nor prometheus pays nothing here for the meters other libraries turn on.
        var current = new ManagementOptions();
        section.Bind(current);
        ReadLists(section, configuration, current);
        var exposure = new EndpointExposure(current.Exposure);
        var pull = exposure.IsExposed(EndpointIds.Metrics);
        var prometheus = exposure.IsExposed(EndpointIds.Prometheus);
        if (pull || prometheus)
        {
            services.AddOpenTelemetry().WithMetrics(metrics =>
            {
                if (pull)
                {
                    metrics.AddReader(sp => sp.GetRequiredService<MetricsCollector>().Reader);
                }

                if (prometheus)
                {
                    metrics.AddPrometheusExporter();
                }

                if (meters.Length > 0)
                {
                    metrics.AddMeter(meters);
                }
            });
        }

        return services;
    }

    /// <summary>The list settings that may also come as one comma-separated string, and Spring's <c>management.*</c> keys.</summary>
    private static void ReadLists(IConfigurationSection section, IConfiguration configuration, ManagementOptions options)
    {
        // "health,info" as one string is as valid as a list, as Spring accepts both.
        ManagementSpringKeys.AddList(section.GetSection("Exposure:Include"), options.Exposure.Include);
        ManagementSpringKeys.AddList(section.GetSection("Exposure:Exclude"), options.Exposure.Exclude);
        foreach (var group in section.GetSection("Health:Groups").GetChildren())
        {
            if (options.Health.Groups.TryGetValue(group.Key, out var settings))
            {
                ManagementSpringKeys.AddList(group.GetSection("Include"), settings.Include);
            }
        }

        ManagementSpringKeys.Apply(configuration, options);
    }
}
