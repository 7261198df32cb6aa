using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Stratus.Registry;
using Stratus.Registry.Dashboard;
using Stratus.Registry.Http;
using Stratus.Registry.Leases;
using Stratus.Registry.Replication;
using Stratus.Registry.Security;
using Stratus.Registry.Watch;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the Eureka-compatible registry server to a service collection.</summary>
public static class RegistryServiceCollectionExtensions
{
    /// <summary>
    /// Adds the registry: options from <c>Stratus:Registry</c> (with Spring's <c>eureka.server.*</c> aliases),
    /// the lease table, eviction, peer replication and the endpoints that <c>MapStratusRegistry()</c> maps.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The application configuration.</param>
    /// <returns>The same services, for chaining.</returns>
    public static IServiceCollection AddStratusRegistry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<RegistryOptions>().BindConfiguration(RegistryOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<RegistryOptions>>(new RegistryOptionsBinder(configuration)));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RegistryOptions>, RegistryOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RegistryOptions>, RegistryOptionsRules>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RegistryChangeFeed>();
        services.TryAddSingleton<InstanceRegistry>();
        services.TryAddSingleton<RegistryAccess>();
        services.TryAddSingleton<PeerReplicator>();
        services.TryAddSingleton<ReplicationBatchEndpoint>();
        services.AddHttpClient(PeerReplicator.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        services.TryAddSingleton<InstanceWriteEndpoints>();
        services.TryAddSingleton<QueryEndpoints>();
        services.TryAddSingleton<WatchEndpoint>();
        services.TryAddSingleton<HealthEndpoint>();
        services.TryAddSingleton<StatusEndpoint>();
        services.TryAddSingleton<DashboardPage>();
        services.AddHostedService<EvictionService>();
        services.AddHostedService(sp => sp.GetRequiredService<PeerReplicator>());
        services.AddHostedService<PeerSync>();
        services.AddHostedService<ExposureWarning>();
        return services;
    }
}
