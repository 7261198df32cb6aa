using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Stratus.ConfigServer.Environment;
using Stratus.ConfigServer.Files;

namespace Stratus.ConfigServer.Flattened;

/// <summary>The <c>.properties</c>, <c>.json</c> and <c>.yml</c> views of an environment, merged and optionally placeholder-resolved.</summary>
internal static class FlattenedOutput
{
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static OrderedDictionary<string, ConfigScalar> Merged(ConfigEnvironment environment, bool resolvePlaceholders)
    {
        var merged = CombinedProperties.Merge(environment);
        if (resolvePlaceholders)
        {
            var resolver = new PlaceholderResolver(environment);
            foreach (var key in merged.Keys.ToList())
            {
                merged[key] = resolver.Resolve(merged[key]);
            }
        }

        return merged;
    }

    /// <summary>Spring's <c>key: value</c> lines joined by a newline, with no trailing newline.</summary>
    public static string Properties(OrderedDictionary<string, ConfigScalar> merged)
    {
        var output = new StringBuilder();
        foreach (var (key, value) in merged)
        {
            if (output.Length > 0)
            {
                output.Append('\n');
            }

            output.Append(key).Append(": ").Append(value.Text);
        }

        return output.ToString();
    }

    public static byte[] Json(OrderedDictionary<string, ConfigScalar> merged)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, JsonOptions))
        {
            WriteJson(writer, PropertyTree.Build(merged));
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static string Yaml(OrderedDictionary<string, ConfigScalar> merged) => YamlText.Write(PropertyTree.Build(merged));

    private static void WriteJson(Utf8JsonWriter writer, object? node)
    {
        switch (node)
        {
            case OrderedDictionary<string, object?> map:
                writer.WriteStartObject();
                foreach (var (key, value) in map)
                {
                    writer.WritePropertyName(key);
                    WriteJson(writer, value);
                }

                writer.WriteEndObject();
                break;
            case List<object?> list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    WriteJson(writer, item);
                }

                writer.WriteEndArray();
                break;
            case ConfigScalar scalar:
                EnvironmentJson.WriteScalar(writer, scalar);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }
}
