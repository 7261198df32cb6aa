using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Stratus.Gateway;
using Microsoft.Extensions.Logging;
using Stratus.Gateway.Filters;
using Stratus.Gateway.RateLimiting;
using Stratus.Gateway.Security;
using Stratus.Gateway.Http;
using Stratus.Gateway.Proxy;
using Stratus.Gateway.Routing;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the Stratus gateway.</summary>
public static class GatewayServiceCollectionExtensions
{
    /// <summary>
    /// Adds the gateway: routes from <c>Stratus:Gateway:Routes</c> (or Spring's <c>spring.cloud.gateway.routes</c>),
    /// reloaded on configuration change; YARP's forwarder; the Stratus load balancer and discovery client for
    /// <c>lb://</c> routes. Map it with <c>app.MapStratusGateway()</c>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration holding the routes.</param>
    /// <returns>The same services, for chaining.</returns>
    public static IServiceCollection AddStratusGateway(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<GatewayOptions>().Bind(configuration.GetSection(GatewayOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GatewayOptions>, GatewayOptionsRules>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpForwarder();
        services.AddStratusLoadBalancing();
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptionsMonitor<GatewayOptions>>();
            return new CircuitBreakers(name => options.CurrentValue.CircuitBreakers.TryGetValue(name, out var s) ? s : new CircuitBreakerSettings(), sp.GetRequiredService<TimeProvider>());
        });
        services.TryAddSingleton(sp => new LocalRateLimiter(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp =>
        {
            var redis = sp.GetRequiredService<IOptions<GatewayOptions>>().Value.RateLimiter.Redis;
            var limiter = string.IsNullOrWhiteSpace(redis.Configuration) ? null
                : new RedisRateLimiter(redis, sp.GetRequiredService<ILogger<RedisRateLimiter>>(), sp.GetRequiredService<TimeProvider>());
            var jwt = sp.GetRequiredService<IOptions<GatewayOptions>>().Value.Jwt.Configured;
            return new FilterServices(sp.GetRequiredService<CircuitBreakers>(), sp.GetRequiredService<LocalRateLimiter>(), limiter, sp.GetRequiredService<TimeProvider>(), jwt);
        });
        services.TryAddSingleton(sp => new RouteTableProvider(
            configuration,
            sp.GetRequiredService<FilterServices>(),
            sp.GetRequiredService<ILogger<RouteTableProvider>>(),
            sp.GetRequiredService<Stratus.Discovery.IDiscoveryClient>(),
            sp.GetRequiredService<IOptionsMonitor<GatewayOptions>>()));
        services.TryAddSingleton(sp => ClientAddress.Create(sp.GetRequiredService<IOptions<GatewayOptions>>().Value.TrustedProxies));
        services.TryAddSingleton<UpstreamInvokers>();
        services.TryAddSingleton<GatewayHandler>();
        if (!services.Any(d => d.ServiceType == typeof(GatewayMarker)))
        {
            services.AddSingleton<GatewayMarker>();
            services.AddHealthChecks().AddCheck<RateLimiterHealthCheck>("gatewayRateLimiter", tags: ["stratus"]);
        }
        var jwt = configuration.GetSection(GatewayScheme.Section);
        if (jwt.GetChildren().Any() && !services.Any(d => d.ServiceType == typeof(GatewaySchemeMarker)))
        {
            // Only with JWT settings, and never as the automatic default: a default scheme would make ASP.NET Core's
            // authentication middleware validate every request's token, also on routes that do not ask for one.
            AppContext.SetSwitch("Microsoft.AspNetCore.Authentication.SuppressAutoDefaultScheme", true);
            services.AddSingleton<GatewaySchemeMarker>();
            Stratus.Security.Tokens.StratusJwtScheme.Add(services, GatewayScheme.Name, jwt, isDefault: false);
        }
        services.TryAddSingleton<RoutesEndpoint>();
        return services;
    }

    private sealed class GatewayMarker;

    private sealed class GatewaySchemeMarker;
}
