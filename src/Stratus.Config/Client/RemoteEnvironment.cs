using System.Text.Json;

namespace Stratus.Config.Client;

/// <summary>
/// The config server's Environment JSON (v1 or v2), read without reflection. Property sources come highest precedence
/// first, as the server sends them. Anything that is not that shape is a <see cref="FormatException"/>: a malformed
/// answer never yields part of a configuration.
/// </summary>
internal sealed record RemoteEnvironment(
    string? Name,
    string? Label,
    string? Version,
    string? State,
    IReadOnlyList<RemotePropertySource> PropertySources)
{
    public static RemoteEnvironment Parse(ReadOnlySpan<byte> json)
    {
        using var document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("The answer is not a JSON object");
        }

        if (!root.TryGetProperty("propertySources", out var sources) || sources.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("The answer has no 'propertySources' array");
        }

        var list = new List<RemotePropertySource>(sources.GetArrayLength());
        foreach (var source in sources.EnumerateArray())
        {
            if (source.ValueKind != JsonValueKind.Object
                || !source.TryGetProperty("source", out var values) || values.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("A property source has no 'source' object");
            }

            var name = source.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : string.Empty;
            var entries = new List<KeyValuePair<string, string?>>();
            foreach (var property in values.EnumerateObject())
            {
                entries.Add(new(property.Name, Scalar(property.Value, property.Name, allowDescriptor: true)));
            }

            list.Add(new RemotePropertySource(name, entries));
        }

        return new RemoteEnvironment(Text(root, "name"), Text(root, "label"), Text(root, "version"), Text(root, "state"), list);
    }

    private static string? Text(JsonElement root, string property) =>
        root.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>A v1 value, or a v2 <c>{"value": …, "origin": …}</c> descriptor, as configuration text.</summary>
    private static string? Scalar(JsonElement value, string key, bool allowDescriptor) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => string.Empty,
        JsonValueKind.Object when allowDescriptor && value.TryGetProperty("value", out var inner) => Scalar(inner, key, allowDescriptor: false),
        _ => throw new FormatException($"The value of '{key}' is not a string, number, boolean or null"),
    };
}

/// <summary>One property source of the answer: its name (<c>&lt;repo&gt;/&lt;file&gt;</c>) and its flat Spring keys.</summary>
internal sealed record RemotePropertySource(string Name, IReadOnlyList<KeyValuePair<string, string?>> Properties);
