using System.Buffers;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using Stratus.ConfigServer.Files;

namespace Stratus.ConfigServer.Environment;

/// <summary>
/// Writes Spring's <c>Environment</c> JSON: fields <c>name, profiles, label, version, state, propertySources</c> in
/// that order (Jackson's creator order), values as JSON strings, numbers or booleans; v2 wraps each value as
/// <c>{"value":…,"origin":"line:column"}</c>.
/// </summary>
internal static class EnvironmentJson
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    public static EnvironmentPayload Write(ConfigEnvironment environment, bool includeOrigin)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            writer.WriteString("name", environment.Name);
            writer.WriteStartArray("profiles");
            foreach (var profile in environment.Profiles)
            {
                writer.WriteStringValue(profile);
            }

            writer.WriteEndArray();
            WriteNullable(writer, "label", environment.Label);
            WriteNullable(writer, "version", environment.Version);
            WriteNullable(writer, "state", environment.State);
            writer.WriteStartArray("propertySources");
            foreach (var source in environment.PropertySources)
            {
                writer.WriteStartObject();
                writer.WriteString("name", source.Name);
                writer.WriteStartObject("source");
                foreach (var property in source.Properties)
                {
                    writer.WritePropertyName(property.Key);
                    if (includeOrigin)
                    {
                        writer.WriteStartObject();
                        writer.WritePropertyName("value");
                        WriteScalar(writer, property.Value);
                        writer.WriteString("origin", Origin(property));
                        writer.WriteEndObject();
                    }
                    else
                    {
                        WriteScalar(writer, property.Value);
                    }
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        var json = buffer.WrittenSpan.ToArray();
        return new EnvironmentPayload(json, ETagOf(environment, json));
    }

    public static void WriteScalar(Utf8JsonWriter writer, ConfigScalar value)
    {
        switch (value.Kind)
        {
            case ScalarKind.Boolean:
                writer.WriteBooleanValue(value.Text == "true");
                break;
            case ScalarKind.Integer:
            case ScalarKind.Float when IsJsonNumber(value.Text):
                writer.WriteRawValue(value.Text, skipInputValidation: true);
                break;
            default:
                writer.WriteStringValue(value.Text);
                break;
        }
    }

    private static string Origin(FlatProperty property) => property.Line > 0 ? $"{property.Line}:{property.Column}" : string.Empty;

    private static bool IsJsonNumber(string text)
    {
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(text));
        return reader.Read() && reader.TokenType == JsonTokenType.Number && reader.BytesConsumed == text.Length;
    }

    private static void WriteNullable(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    /// <summary>The entity tag ignores <c>version</c>, so clients are woken only when a value they see changed.</summary>
    private static string ETagOf(ConfigEnvironment environment, byte[] json)
    {
        var versionless = environment.Version is null ? json : System.Text.Encoding.UTF8.GetBytes(
            System.Text.Encoding.UTF8.GetString(json).Replace("\"version\":\"" + environment.Version + "\"", "\"version\":null", StringComparison.Ordinal));
        return "\"" + Convert.ToHexStringLower(SHA256.HashData(versionless).AsSpan(0, 16)) + "\"";
    }
}
