using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Stratus.Eureka;
using Stratus.Eureka.Json;

namespace Stratus.Registry.Replication;

/// <summary>
/// Eureka's peer replication wire: <c>{"replicationList":[...]}</c> requests and <c>{"responseList":[...]}</c>
/// answers, nulls omitted as Jackson's NON_NULL does. An entry that cannot be read becomes a null item, so the
/// rest of the batch still applies.
/// </summary>
internal static class ReplicationBatchCodec
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };
    private static readonly JsonDocumentOptions ReaderOptions = new() { MaxDepth = EurekaJsonReader.MaxDepth };

    public static byte[] WriteRequest(IReadOnlyList<ReplicationItem> items)
    {
        var buffer = new ArrayBufferWriter<byte>(512 * items.Count + 32);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("replicationList");
            foreach (var item in items)
            {
                writer.WriteStartObject();
                writer.WriteString("appName", item.AppName);
                writer.WriteString("id", item.Id);
                if (item.LastDirtyTimestamp is { } dirty)
                {
                    writer.WriteNumber("lastDirtyTimestamp", dirty);
                }

                if (item.OverriddenStatus is { } overridden)
                {
                    writer.WriteString("overriddenStatus", overridden.ToWire());
                }

                if (item.Status is { } status)
                {
                    writer.WriteString("status", status.ToWire());
                }

                if (item.InstanceInfo is { } info)
                {
                    writer.WritePropertyName("instanceInfo");
                    EurekaJsonWriter.WriteInstanceBody(writer, info);
                }

                writer.WriteString("action", item.Action.ToString());
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads a batch; entries that cannot be read come back as <see langword="null"/> with their problem.</summary>
    /// <exception cref="EurekaFormatException">The envelope itself is malformed.</exception>
    public static IReadOnlyList<(ReplicationItem? Item, string? Problem)> ReadRequest(ReadOnlyMemory<byte> body)
    {
        using var document = Parse(body);
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("replicationList", out var list)
            || list.ValueKind != JsonValueKind.Array)
        {
            throw new EurekaFormatException("Expected a JSON object with a 'replicationList' array");
        }

        var items = new List<(ReplicationItem?, string?)>(list.GetArrayLength());
        foreach (var element in list.EnumerateArray())
        {
            try
            {
                items.Add((ReadItem(element), null));
            }
            catch (EurekaFormatException ex)
            {
                items.Add((null, ex.Message));
            }
        }

        return items;
    }

    public static byte[] WriteResponse(IReadOnlyList<ReplicationOutcome> outcomes)
    {
        var buffer = new ArrayBufferWriter<byte>(64 * outcomes.Count + 32);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("responseList");
            foreach (var outcome in outcomes)
            {
                writer.WriteStartObject();
                writer.WriteNumber("statusCode", outcome.StatusCode);
                if (outcome.Entity is { } entity)
                {
                    writer.WritePropertyName("responseEntity");
                    EurekaJsonWriter.WriteInstanceBody(writer, entity);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static IReadOnlyList<ReplicationOutcome> ReadResponse(ReadOnlyMemory<byte> body)
    {
        using var document = Parse(body);
        if (!document.RootElement.TryGetProperty("responseList", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            throw new EurekaFormatException("Expected a JSON object with a 'responseList' array");
        }

        var outcomes = new List<ReplicationOutcome>();
        foreach (var element in list.EnumerateArray())
        {
            var code = element.TryGetProperty("statusCode", out var status) && status.TryGetInt32(out var value) ? value : 500;
            InstanceInfo? entity = null;
            if (element.TryGetProperty("responseEntity", out var raw) && raw.ValueKind == JsonValueKind.Object)
            {
                try
                {
                    entity = EurekaJsonReader.ReadInstance(raw);
                }
                catch (EurekaFormatException)
                {
                    entity = null;
                }
            }

            outcomes.Add(new ReplicationOutcome(code, entity));
        }

        return outcomes;
    }

    private static ReplicationItem ReadItem(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new EurekaFormatException("Replication entry must be an object");
        }

        var actionText = Text(element, "action");
        if (!Enum.TryParse<ReplicationAction>(actionText, ignoreCase: false, out var action) || !Enum.IsDefined(action) || int.TryParse(actionText, out _))
        {
            throw new EurekaFormatException($"Unknown replication action '{EurekaJsonReader.Truncate(actionText ?? string.Empty)}'");
        }

        var app = Text(element, "appName");
        var id = Text(element, "id");
        if (string.IsNullOrEmpty(app) || string.IsNullOrEmpty(id))
        {
            throw new EurekaFormatException("Replication entry needs 'appName' and 'id'");
        }

        long? dirty = null;
        if (element.TryGetProperty("lastDirtyTimestamp", out var dirtyElement) && dirtyElement.ValueKind != JsonValueKind.Null)
        {
            dirty = dirtyElement.ValueKind == JsonValueKind.Number && dirtyElement.TryGetInt64(out var number) ? number
                : long.TryParse(dirtyElement.ValueKind == JsonValueKind.String ? dirtyElement.GetString() : null, NumberStyles.None, CultureInfo.InvariantCulture, out number) ? number
                : throw new EurekaFormatException("Field 'lastDirtyTimestamp' must be a number");
        }

        InstanceInfo? info = null;
        if (element.TryGetProperty("instanceInfo", out var infoElement) && infoElement.ValueKind == JsonValueKind.Object)
        {
            info = EurekaJsonReader.ReadInstance(infoElement);
        }

        return new ReplicationItem(action, app.ToUpperInvariant(), id, dirty, Status(element, "overriddenStatus"), Status(element, "status"), info);
    }

    private static InstanceStatus? Status(JsonElement element, string name)
    {
        var text = Text(element, name);
        if (text is null)
        {
            return null;
        }

        return EurekaNames.TryParseStatus(text, out var status) ? status : throw new EurekaFormatException($"Unknown {name} '{EurekaJsonReader.Truncate(text)}'");
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static JsonDocument Parse(ReadOnlyMemory<byte> body)
    {
        try
        {
            return JsonDocument.Parse(body, ReaderOptions);
        }
        catch (JsonException ex)
        {
            throw new EurekaFormatException($"Malformed JSON: {ex.Message}", ex);
        }
    }
}
