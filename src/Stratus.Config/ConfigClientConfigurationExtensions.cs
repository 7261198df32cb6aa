using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Stratus.Config;
using Stratus.Config.Client;

namespace Microsoft.Extensions.Configuration;

/// <summary>Adds a Spring Cloud Config-compatible config server as a configuration source.</summary>
public static class ConfigClientConfigurationExtensions
{
    /// <summary>
    /// Reads this application's configuration from the config server (<c>Stratus:Config:Uri</c>, or
    /// <c>spring.cloud.config.uri</c>; default <c>http://localhost:8888</c>) and keeps it current. The source goes after
    /// the JSON files and before environment variables and the command line, so the server overrides
    /// <c>appsettings*.json</c> and the environment overrides the server. Settings are read from the sources added so
    /// far; name and profile default to <c>spring.application.name</c>/<c>spring.profiles.active</c>, else the host's
    /// application and environment names. With fail-fast, an unreachable server throws
    /// <see cref="ConfigServerUnavailableException"/> here.
    /// </summary>
    /// <param name="builder">The configuration builder (for example <c>builder.Configuration</c>).</param>
    /// <param name="configure">Optional changes applied after configuration.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static IConfigurationBuilder AddStratusConfigServer(this IConfigurationBuilder builder, Action<ConfigClientOptions>? configure = null) =>
        Add(builder, null, null, configure, hosted: false);

    internal static IConfigurationBuilder Add(IConfigurationBuilder builder, string? application, string? environment, Action<ConfigClientOptions>? configure, bool hosted)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Sources.OfType<ConfigServerConfigurationSource>().Any())
        {
            return builder;
        }

        ConfigClientOptions options;
        if (builder is IConfiguration current)
        {
            options = ConfigClientOptionsBinder.Read(current, application ?? current["applicationName"], environment ?? current["environment"], configure);
        }
        else
        {
            var built = builder.Build();
            try
            {
                options = ConfigClientOptionsBinder.Read(built, application ?? built["applicationName"], environment ?? built["environment"], configure);
            }
            finally
            {
                (built as IDisposable)?.Dispose();
            }
        }

        if (!options.Enabled)
        {
            return builder;
        }

        // The fetch starts now, so it overlaps whatever the host does before it first reads a value.
        var session = new ConfigClientSession(options, watchAfterHostStart: hosted);
        session.BeginLoad();
        var source = new ConfigServerConfigurationSource(session);
        var index = InsertionIndex(builder.Sources);
        if (index == builder.Sources.Count)
        {
            builder.Add(source);
        }
        else
        {
            builder.Sources.Insert(index, source);
        }

        return builder;
    }

    /// <summary>Just before the first environment-variable or command-line source that follows the last file source.</summary>
    private static int InsertionIndex(IList<IConfigurationSource> sources)
    {
        var lastFile = -1;
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is FileConfigurationSource)
            {
                lastFile = i;
            }
        }

        for (var i = lastFile + 1; i < sources.Count; i++)
        {
            if (sources[i] is EnvironmentVariablesConfigurationSource or CommandLineConfigurationSource)
            {
                return i;
            }
        }

        return sources.Count;
    }
}
