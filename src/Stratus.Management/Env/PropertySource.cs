using Microsoft.Extensions.Configuration;

namespace Stratus.Management.Env;

/// <summary>One configuration provider's keys and values, as Spring's property source: the provider's description as name.</summary>
internal sealed record PropertySource(string Name, IReadOnlyList<KeyValuePair<string, string>> Properties)
{
    /// <summary>The providers, highest precedence (last added) first, as Spring lists its property sources. A name repeated among providers gets <c> #2</c>, <c> #3</c> in the order they were added.</summary>
    public static List<PropertySource> From(IConfiguration configuration)
    {
        var sources = new List<PropertySource>();
        if (configuration is not IConfigurationRoot root)
        {
            var all = configuration.AsEnumerable().Where(p => p.Value is not null).Select(p => KeyValuePair.Create(p.Key, p.Value!))
                .OrderBy(p => p.Key, ConfigurationKeyComparer.Instance).ToList();
            sources.Add(new PropertySource("configuration", all));
            return sources;
        }

        // Numbered in the order they were added, so adding a source on top does not rename the ones below it.
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var provider in root.Providers)
        {
            var name = provider.ToString() ?? provider.GetType().Name;
            seen[name] = seen.GetValueOrDefault(name) + 1;
            if (seen[name] > 1)
            {
                name = $"{name} #{seen[name]}";
            }

            var properties = new List<KeyValuePair<string, string>>();
            Walk(provider, null, properties);
            properties.Sort((a, b) => ConfigurationKeyComparer.Instance.Compare(a.Key, b.Key));
            sources.Add(new PropertySource(name, properties));
        }

        sources.Reverse();
        return sources;
    }

    public string? Find(string key) =>
        Properties.FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase)).Value;

    private static void Walk(IConfigurationProvider provider, string? parent, List<KeyValuePair<string, string>> into)
    {
        foreach (var key in provider.GetChildKeys([], parent).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var path = parent is null ? key : ConfigurationPath.Combine(parent, key);
            if (provider.TryGet(path, out var value) && value is not null)
            {
                into.Add(KeyValuePair.Create(path, value));
            }

            Walk(provider, path, into);
        }
    }
}
