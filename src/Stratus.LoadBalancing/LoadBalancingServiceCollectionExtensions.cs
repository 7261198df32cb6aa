using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Stratus.LoadBalancing;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds Stratus client-side load balancing and resilience.</summary>
public static class LoadBalancingServiceCollectionExtensions
{
    /// <summary>
    /// Adds the discovery client (if not added yet) and the load balancer: <see cref="ILoadBalancer"/>, strategies
    /// and resilience settings from <c>Stratus:LoadBalancing</c>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The same services, for chaining.</returns>
    public static IServiceCollection AddStratusLoadBalancing(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddStratusDiscovery();
        services.AddMetrics();
        services.AddOptions<LoadBalancingOptions>().BindConfiguration(LoadBalancingOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LoadBalancingOptions>, LoadBalancingOptionsRules>());
        services.TryAddSingleton<LoadBalancerRegistry>();
        services.TryAddSingleton<ILoadBalancer>(sp => sp.GetRequiredService<LoadBalancerRegistry>());
        services.TryAddSingleton<ResilienceSettingsResolver>();
        services.TryAddSingleton<LoadBalancingMetrics>();
        services.TryAddSingleton<InstancePipelines>();
        services.TryAddTransient<LoadBalancingHandler>();
        return services;
    }

    /// <summary>
    /// Makes this client send <c>http://{service}/...</c> to an instance chosen by the service's strategy, through a
    /// per-service pipeline (rate limit, bulkhead, time-out, retry on another instance for idempotent calls) and a
    /// circuit breaker per instance. Other host names pass through.
    /// </summary>
    /// <param name="builder">The HTTP client builder.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static IHttpClientBuilder AddStratusLoadBalancing(this IHttpClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddStratusLoadBalancing();
        builder.AddHttpMessageHandler<LoadBalancingHandler>();
        return builder;
    }
}
