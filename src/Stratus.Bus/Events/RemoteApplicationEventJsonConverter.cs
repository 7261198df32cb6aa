using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Stratus.Bus.Events;

/// <summary>
/// Spring's bus JSON without reflection. Writes the fields in the order Jackson 2 gives Spring's classes (the type id,
/// then <c>ApplicationEvent</c>'s <c>timestamp</c>, then <c>RemoteApplicationEvent</c>'s fields in declaration order, then
/// the subclass's), with nulls written as Jackson does by default. Reads any order (Jackson 3, as in Spring Cloud Bus 5,
/// sorts properties alphabetically), ignores unknown properties, and turns a missing or unknown <c>type</c> into
/// <see cref="UnknownRemoteApplicationEvent"/> as <c>BusJacksonMessageConverter</c> does on an <c>InvalidTypeIdException</c>.
/// </summary>
internal sealed class RemoteApplicationEventJsonConverter : JsonConverter<RemoteApplicationEvent>
{
    public override RemoteApplicationEvent Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"A bus event must be a JSON object, not {reader.TokenType}.");
        }

        string? type = null, id = null, origin = null, destination = null, ackId = null, ackDestination = null, acked = null;
        DateTimeOffset timestamp = default;
        Dictionary<string, string?>? values = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            switch (name)
            {
                case "type":
                    type = ReadText(ref reader, name);
                    break;
                case "id":
                    id = ReadText(ref reader, name);
                    break;
                case "timestamp":
                    timestamp = ReadTimestamp(ref reader);
                    break;
                case "originService":
                    origin = ReadText(ref reader, name);
                    break;
                case "destinationService":
                    destination = ReadText(ref reader, name);
                    break;
                case "values":
                    values = ReadValues(ref reader);
                    break;
                case "ackId":
                    ackId = ReadText(ref reader, name);
                    break;
                case "ackDestinationService":
                    ackDestination = ReadText(ref reader, name);
                    break;
                case "event":
                    acked = ReadText(ref reader, name);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        RemoteApplicationEvent result = type switch
        {
            RefreshRemoteApplicationEvent.TypeName => new RefreshRemoteApplicationEvent(),
            EnvironmentChangeRemoteApplicationEvent.TypeName => new EnvironmentChangeRemoteApplicationEvent { Values = values ?? new(StringComparer.Ordinal) },
            AckRemoteApplicationEvent.TypeName => new AckRemoteApplicationEvent { AckId = ackId, AckDestinationService = ackDestination, Event = acked },
            ShutdownRemoteApplicationEvent.TypeName => new ShutdownRemoteApplicationEvent(),
            _ => new UnknownRemoteApplicationEvent { TypeInfo = type },
        };

        // Java's no-argument constructors give every event a fresh UUID that the JSON then overwrites; so do we.
        return result with { Id = id ?? result.Id, Timestamp = timestamp, OriginService = origin, DestinationService = destination };
    }

    public override void Write(Utf8JsonWriter writer, RemoteApplicationEvent value, JsonSerializerOptions options)
    {
        if (value is UnknownRemoteApplicationEvent)
        {
            throw new NotSupportedException("An UnknownRemoteApplicationEvent is a placeholder for what could not be read; it cannot be written.");
        }

        writer.WriteStartObject();
        writer.WriteString("type", value.Type);
        writer.WriteNumber("timestamp", value.Timestamp.ToUnixTimeMilliseconds());
        writer.WriteString("originService", value.OriginService);
        writer.WriteString("destinationService", value.DestinationService);
        writer.WriteString("id", value.Id);
        switch (value)
        {
            case EnvironmentChangeRemoteApplicationEvent change:
                writer.WriteStartObject("values");
                foreach (var (key, text) in change.Values)
                {
                    writer.WriteString(key, text);
                }

                writer.WriteEndObject();
                break;
            case AckRemoteApplicationEvent ack:
                writer.WriteString("ackId", ack.AckId);
                writer.WriteString("ackDestinationService", ack.AckDestinationService);
                writer.WriteString("event", ack.Event);
                break;
        }

        writer.WriteEndObject();
    }

    /// <summary>A text field; Jackson also accepts a number or a boolean for a <c>String</c> and keeps its text.</summary>
    private static string? ReadText(ref Utf8JsonReader reader, string field) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Null => null,
        JsonTokenType.Number => RawText(ref reader),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        _ => throw new JsonException($"The bus event field '{field}' must be text, not {reader.TokenType}."),
    };

    private static string RawText(ref Utf8JsonReader reader) =>
        System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan);

    private static DateTimeOffset ReadTimestamp(ref Utf8JsonReader reader)
    {
        long millis;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return default;
        }

        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var whole))
        {
            millis = whole;
        }
        else if (reader.TokenType == JsonTokenType.String && long.TryParse(reader.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
        {
            millis = parsed;
        }
        else
        {
            throw new JsonException("The bus event field 'timestamp' must be whole epoch milliseconds.");
        }

        if (millis < DateTimeOffset.MinValue.ToUnixTimeMilliseconds() || millis > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            throw new JsonException($"The bus event field 'timestamp' is out of range: {millis}.");
        }

        return DateTimeOffset.FromUnixTimeMilliseconds(millis);
    }

    private static Dictionary<string, string?>? ReadValues(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"The bus event field 'values' must be an object of texts, not {reader.TokenType}.");
        }

        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            reader.Read();
            values[key] = ReadText(ref reader, "values." + key);
        }

        return values;
    }
}
