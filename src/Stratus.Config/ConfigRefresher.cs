using Microsoft.Extensions.Configuration;
using Stratus.Config.Client;

namespace Stratus.Config;

/// <summary>
/// Forces the config client to fetch now, as Spring's <c>ContextRefresher</c> does for <c>/actuator/refresh</c>, and tells
/// which configuration keys changed. Listeners of <c>IOptionsMonitor</c> hear of a change once, as with a pushed change.
/// </summary>
public sealed class ConfigRefresher
{
    private readonly IConfiguration _configuration;

    /// <summary>Creates the refresher over the application's configuration.</summary>
    /// <param name="configuration">The configuration that holds a config server source.</param>
    public ConfigRefresher(IConfiguration configuration) => _configuration = configuration;

    internal IEnumerable<ConfigClientSession> Sessions =>
        (_configuration as IConfigurationRoot)?.Providers.OfType<ConfigServerConfigurationProvider>().Select(p => p.Session).Distinct()
        ?? [];

    /// <summary>
    /// Fetches from the config server and returns the keys (in configuration form, <c>a:b</c>) whose values were added,
    /// changed or removed in the whole configuration, sorted. Throws <see cref="ConfigServerUnavailableException"/> when
    /// no server answered; then nothing changed.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The changed keys.</returns>
    public async Task<IReadOnlyList<string>> RefreshAsync(CancellationToken cancellationToken = default)
    {
        var before = Flatten();
        foreach (var session in Sessions)
        {
            var result = await session.RefreshAsync(cancellationToken).ConfigureAwait(false);
            if (result.Status == FetchStatus.Failed)
            {
                throw new ConfigServerUnavailableException($"Refresh of '{session.Options.Name}' failed, current values stay: {result.Problem}");
            }
        }

        var after = Flatten();
        var changed = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in after)
        {
            if (!before.TryGetValue(key, out var old) || !string.Equals(old, value, StringComparison.Ordinal))
            {
                changed.Add(key);
            }
        }

        changed.UnionWith(before.Keys.Where(k => !after.ContainsKey(k)));
        return [.. changed];
    }

    private Dictionary<string, string?> Flatten()
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in _configuration.AsEnumerable())
        {
            if (value is not null)
            {
                values[key] = value;
            }
        }

        return values;
    }
}
