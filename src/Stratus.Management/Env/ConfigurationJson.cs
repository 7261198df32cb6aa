using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace Stratus.Management.Env;

/// <summary>Writes a configuration section as nested JSON: children whose keys are 0..n become arrays, leaves strings.</summary>
internal static class ConfigurationJson
{
    public static void WriteChildren(Utf8JsonWriter json, IConfigurationSection section, bool showValues, ISet<string>? skip = null)
    {
        foreach (var child in section.GetChildren())
        {
            if (skip?.Contains(child.Key) == true)
            {
                continue;
            }

            json.WritePropertyName(child.Key);
            WriteNode(json, child, showValues);
        }
    }

    private static void WriteNode(Utf8JsonWriter json, IConfigurationSection section, bool showValues)
    {
        var children = section.GetChildren().ToList();
        if (children.Count == 0)
        {
            json.WriteStringValue(ValueMasking.Show(section.Path, section.Value ?? string.Empty, showValues));
            return;
        }

        if (IsArray(children))
        {
            json.WriteStartArray();
            foreach (var child in children)
            {
                WriteNode(json, child, showValues);
            }

            json.WriteEndArray();
            return;
        }

        json.WriteStartObject();
        foreach (var child in children)
        {
            json.WritePropertyName(child.Key);
            WriteNode(json, child, showValues);
        }

        json.WriteEndObject();
    }

    private static bool IsArray(List<IConfigurationSection> children)
    {
        for (var i = 0; i < children.Count; i++)
        {
            if (children[i].Key != i.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                return false;
            }
        }

        return true;
    }
}
