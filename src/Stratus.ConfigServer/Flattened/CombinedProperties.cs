using Stratus.ConfigServer.Environment;
using Stratus.ConfigServer.Files;

namespace Stratus.ConfigServer.Flattened;

/// <summary>
/// Merges the property sources of an environment into one ordered map, as Spring's flattened endpoints do: lowest
/// precedence first so that a key keeps its first position and takes its winning value; indexed keys (<c>list[0]</c>)
/// are replaced as a whole list by the highest source that has any element; <c>spring.profiles</c> is dropped.
/// </summary>
internal static class CombinedProperties
{
    public static OrderedDictionary<string, ConfigScalar> Merge(ConfigEnvironment environment)
    {
        var combined = new OrderedDictionary<string, ConfigScalar>(StringComparer.Ordinal);
        var lists = new OrderedDictionary<string, OrderedDictionary<string, ConfigScalar>>(StringComparer.Ordinal);
        for (var i = environment.PropertySources.Length - 1; i >= 0; i--)
        {
            var current = new OrderedDictionary<string, OrderedDictionary<string, ConfigScalar>>(StringComparer.Ordinal);
            foreach (var property in environment.PropertySources[i].Properties)
            {
                var bracket = property.Key.IndexOf('[', StringComparison.Ordinal);
                if (bracket < 0)
                {
                    combined[property.Key] = property.Value;
                    continue;
                }

                var prefix = property.Key[..bracket];
                if (!current.TryGetValue(prefix, out var elements))
                {
                    elements = new OrderedDictionary<string, ConfigScalar>(StringComparer.Ordinal);
                    current[prefix] = elements;
                }

                elements[property.Key] = property.Value;
            }

            foreach (var (prefix, elements) in current)
            {
                lists[prefix] = elements;
            }
        }

        foreach (var elements in lists.Values)
        {
            foreach (var (key, value) in elements)
            {
                combined[key] = value;
            }
        }

        combined.Remove("spring.profiles");
        return combined;
    }
}
