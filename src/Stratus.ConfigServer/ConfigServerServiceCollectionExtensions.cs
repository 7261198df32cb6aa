using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Stratus.ConfigServer;
using Stratus.ConfigServer.Encryption;
using Stratus.ConfigServer.Environment;
using Stratus.ConfigServer.Http;
using Stratus.ConfigServer.Refresh;
using Stratus.ConfigServer.Repositories;
using Stratus.ConfigServer.Repositories.Git;
using Stratus.ConfigServer.Repositories.Native;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the Spring Cloud Config-compatible configuration server to a service collection.</summary>
public static class ConfigServerServiceCollectionExtensions
{
    /// <summary>
    /// Adds the config server: options from <c>Stratus:ConfigServer</c> (with Spring's <c>spring.cloud.config.server.*</c>
    /// and <c>encrypt.*</c> aliases), the Git, native or composite backends, background refresh, the endpoints that
    /// <c>MapStratusConfigServer()</c> maps, and, once the bus is added too (<c>builder.AddStratusBus()</c>), a bus refresh
    /// event per changed application after each change a webhook, the timer or an admin refresh found.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The application configuration.</param>
    /// <returns>The same services, for chaining.</returns>
    public static IServiceCollection AddStratusConfigServer(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<ConfigServerOptions>().BindConfiguration(ConfigServerOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<ConfigServerOptions>>(new ConfigServerOptionsBinder(configuration)));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConfigServerOptions>, ConfigServerOptionsRules>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new ConfigFileCache(sp.GetRequiredService<IOptions<ConfigServerOptions>>().Value.MaxFileSize));
        services.TryAddSingleton(CreateRepository);
        services.TryAddSingleton<CipherKeys>();
        services.TryAddSingleton<IEnvironmentDecryptor, CipherEnvironmentDecryptor>();
        services.TryAddSingleton<EnvironmentService>();
        services.TryAddSingleton<ConfigChangeFeed>();
        services.TryAddSingleton<AccessControl>();
        services.TryAddSingleton<ReadEndpoint>();
        services.TryAddSingleton<AdminEndpoints>();
        services.TryAddSingleton<EncryptionEndpoints>();
        services.TryAddSingleton<RefreshService>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigChangePublisher, BusChangePublisher>());
        services.AddHostedService(sp => sp.GetRequiredService<RefreshService>());
        return services;
    }

    private static CompositeEnvironmentRepository CreateRepository(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<ConfigServerOptions>>().Value;
        var files = services.GetRequiredService<ConfigFileCache>();
        var time = services.GetRequiredService<TimeProvider>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Stratus.ConfigServer.Git");
        var repositories = new List<IEnvironmentRepository>();
        if (options.Composite.Count > 0)
        {
            foreach (var entry in options.Composite)
            {
                repositories.Add(string.Equals(entry.Type, "git", StringComparison.OrdinalIgnoreCase)
                    ? new GitEnvironmentRepository(entry.Git, files, time, logger)
                    : new NativeEnvironmentRepository(entry.Native, files));
            }
        }
        else if (!string.IsNullOrWhiteSpace(options.Git.Uri))
        {
            repositories.Add(new GitEnvironmentRepository(options.Git, files, time, logger));
        }
        else
        {
            repositories.Add(new NativeEnvironmentRepository(options.Native, files));
        }

        return new CompositeEnvironmentRepository(repositories);
    }
}
