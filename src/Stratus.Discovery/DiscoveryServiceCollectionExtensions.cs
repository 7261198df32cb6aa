using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.ServiceDiscovery;
using Stratus.Discovery;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the Stratus discovery client.</summary>
public static class DiscoveryServiceCollectionExtensions
{
    /// <summary>
    /// Registers this application with a Eureka-compatible registry and keeps a view of the registry, so that
    /// <c>http://{app-name}</c> resolves through it: as a <c>Microsoft.Extensions.ServiceDiscovery</c> provider
    /// (call <c>AddServiceDiscovery()</c> too) and as <see cref="IDiscoveryClient"/>. Settings from
    /// <c>Stratus:Discovery</c>, or Spring's <c>eureka.*</c> and <c>spring.application.name</c>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Optional changes applied after configuration.</param>
    /// <returns>The same services, for chaining.</returns>
    public static IServiceCollection AddStratusDiscovery(this IServiceCollection services, Action<DiscoveryOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.AddOptions<DiscoveryOptions>().BindConfiguration(DiscoveryOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<DiscoveryOptions>, DiscoveryOptionsBinder>());
        if (configure is not null)
        {
            services.PostConfigure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DiscoveryOptions>, DiscoveryOptionsRules>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<EurekaTransport>();
        services.TryAddSingleton<InstanceCache>();
        services.TryAddSingleton<IDiscoveryClient>(sp => sp.GetRequiredService<InstanceCache>());
        services.TryAddSingleton<InstanceRegistration>();
        services.TryAddSingleton<IDiscoveryRegistration>(sp => sp.GetRequiredService<InstanceRegistration>());
        if (!services.Any(d => d.ServiceType == typeof(DiscoveryMarker)))
        {
            services.AddSingleton<DiscoveryMarker>();
            services.AddHostedService(sp => sp.GetRequiredService<InstanceCache>());
            services.AddHostedService(sp => sp.GetRequiredService<InstanceRegistration>());
            services.AddHealthChecks().AddCheck<DiscoveryHealthCheck>("discovery", tags: ["stratus"]);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IServiceEndpointProviderFactory, StratusServiceEndpointProviderFactory>());
        return services;
    }

    private sealed class DiscoveryMarker;
}
