using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Stratus.Messaging.Binding;

namespace Stratus.Messaging.Kafka.Binder;

/// <summary>
/// Record headers as Spring Cloud Stream's Kafka binder maps them (its <c>BinderHeaderMapper</c>, a Spring Kafka
/// <c>AbstractKafkaHeaderMapper</c>), both ways, so Java and .NET services read each other's headers.
/// </summary>
internal static class KafkaHeaderMapper
{
    private const string JavaString = "java.lang.String";

    // Never written: Spring's "!id", "!timestamp", "!deliveryAttempt", "!scst_nativeHeadersPresent" patterns (matched
    // case-insensitively) and the KafkaHeaders that describe the record rather than travel in it.
    private static readonly HashSet<string> NeverMapped = new(StringComparer.OrdinalIgnoreCase)
    {
        "id", "timestamp", "deliveryAttempt", "scst_nativeHeadersPresent",
        "kafka_acknowledgment", "kafka_consumer", "kafka_messageKey", "kafka_offset", "kafka_partitionId", "kafka_data",
        "kafka_receivedMessageKey", "kafka_receivedPartitionId", "kafka_receivedTimestamp", "kafka_receivedTopic",
        "kafka_timestamp", "kafka_timestampType", "kafka_batchConvertedHeaders", "kafka_nativeHeaders", "kafka_topic",
        "kafka_deliveryAttempt", "kafka_listenerInfo", "kafka_groupId",
    };

    // AbstractKafkaHeaderMapper's default raw-mapped headers: written as UTF-8 without a type entry, read back as strings.
    private static readonly HashSet<string> RawStrings = new(StringComparer.Ordinal)
    {
        "kafka_listenerInfo", "b3", "traceparent", "X-B3-TraceId", "X-B3-SpanId", "X-B3-Sampled", "X-B3-Flags",
    };

    /// <summary>
    /// Spring's outbound mapping: strings raw in UTF-8 typed <c>java.lang.String</c> (trace headers raw and untyped),
    /// byte arrays as they are and untyped, numbers and booleans as JSON typed with their Java class, anything else as
    /// its invariant text typed <c>java.lang.String</c>; the types go in <c>spring_json_header_types</c>, last. The
    /// message id travels as the <see cref="KafkaHeaders.MessageId"/> string header.
    /// </summary>
    public static Headers ToKafka(OutboundMessage message) => ToKafka(message, HeaderTypesCache.Shared);

    /// <inheritdoc cref="ToKafka(OutboundMessage)"/>
    internal static Headers ToKafka(OutboundMessage message, HeaderTypesCache typesCache)
    {
        var kafka = new Headers();
        // At most every header plus contentType and the message id carry a type.
        var types = ArrayPool<KeyValuePair<string, string>>.Shared.Rent(message.Headers.Count + 2);
        var count = 0;
        try
        {
            foreach (var (name, value) in message.Headers)
            {
                if (value is null || NeverMapped.Contains(name) || (message.MessageId is not null && name == KafkaHeaders.MessageId))
                {
                    continue;
                }

                if (Encode(name, value, out var bytes) is { } javaType)
                {
                    types[count++] = new(name, javaType);
                }

                kafka.Add(name, bytes);
            }

            if (!message.Headers.ContainsKey(MessageHeaders.ContentType))
            {
                kafka.Add(MessageHeaders.ContentType, Encoding.UTF8.GetBytes(message.ContentType));
                types[count++] = new(MessageHeaders.ContentType, JavaString);
            }

            if (message.MessageId is { } id)
            {
                kafka.Add(KafkaHeaders.MessageId, Encoding.UTF8.GetBytes(id));
                types[count++] = new(KafkaHeaders.MessageId, JavaString);
            }

            if (count > 0)
            {
                kafka.Add(KafkaHeaders.SpringJsonHeaderTypes, typesCache.GetBytes(types.AsSpan(0, count)));
            }
        }
        finally
        {
            ArrayPool<KeyValuePair<string, string>>.Shared.Return(types, clearArray: true);
        }

        return kafka;
    }

    /// <summary>
    /// Spring's inbound mapping: headers listed in <c>spring_json_header_types</c> decoded as their Java type (strings
    /// raw or JSON-quoted, Integer/Short/Byte as <see cref="int"/>, Long as <see cref="long"/>, Boolean as <see cref="bool"/>,
    /// Double/Float as <see cref="double"/>, UUID as <see cref="Guid"/>); trace headers as strings; everything else, and a
    /// value that does not parse as its listed type, as the raw bytes. The last of repeated headers wins, as in Spring.
    /// </summary>
    public static Dictionary<string, object?> FromKafka(Headers? headers, out string? messageId)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        messageId = null;
        if (headers is null || headers.Count == 0)
        {
            return result;
        }

        var types = headers.TryGetLastBytes(KafkaHeaders.SpringJsonHeaderTypes, out var typesJson) ? ReadTypes(typesJson) : null;
        foreach (var header in headers)
        {
            var name = header.Key;
            var bytes = header.GetValueBytes() ?? [];
            if (name == KafkaHeaders.SpringJsonHeaderTypes)
            {
                continue;
            }

            object value = types is not null && types.TryGetValue(name, out var javaType) ? FromJava(bytes, javaType)
                : RawStrings.Contains(name) ? Encoding.UTF8.GetString(bytes)
                : bytes;
            if (name == KafkaHeaders.MessageId)
            {
                messageId = value as string ?? Encoding.UTF8.GetString(bytes);
                continue;
            }

            result[name] = value;
        }

        return result;
    }

    /// <summary>The header's bytes, and the Java class to list in <c>spring_json_header_types</c> (null for an untyped header).</summary>
    internal static string? Encode(string name, object value, out byte[] bytes)
    {
        switch (value)
        {
            case byte[] raw:
                bytes = raw;
                return null;
            case string text:
                bytes = Encoding.UTF8.GetBytes(text);
                return RawStrings.Contains(name) ? null : JavaString;
            case int number:
                bytes = Ascii(number.ToString(CultureInfo.InvariantCulture));
                return "java.lang.Integer";
            case long number:
                bytes = Ascii(number.ToString(CultureInfo.InvariantCulture));
                return "java.lang.Long";
            case short number:
                bytes = Ascii(number.ToString(CultureInfo.InvariantCulture));
                return "java.lang.Short";
            case bool flag:
                bytes = flag ? "true"u8.ToArray() : "false"u8.ToArray();
                return "java.lang.Boolean";
            case double number when double.IsFinite(number):
                bytes = JsonSerializer.SerializeToUtf8Bytes(number, KafkaJsonContext.Default.Double);
                return "java.lang.Double";
            case float number when float.IsFinite(number):
                bytes = JsonSerializer.SerializeToUtf8Bytes(number, KafkaJsonContext.Default.Single);
                return "java.lang.Float";
            case Guid guid:
                bytes = Ascii($"\"{guid:D}\"");
                return "java.util.UUID";
            case DateTimeOffset or DateTime:
                // Spring's toString classes (OffsetDateTime among them) travel as their ISO-8601 text.
                bytes = Ascii(((IFormattable)value).ToString("O", CultureInfo.InvariantCulture));
                return JavaString;
            default:
                bytes = Encoding.UTF8.GetBytes(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty);
                return JavaString;
        }
    }

    private static object FromJava(byte[] bytes, string javaType)
    {
        try
        {
            return javaType switch
            {
                // Spring writes strings raw, or JSON-quoted (MimeType values, encodeStrings=true); it reads both.
                JavaString when bytes.Length > 0 && bytes[0] == (byte)'"' => JsonSerializer.Deserialize(bytes, KafkaJsonContext.Default.String) ?? string.Empty,
                JavaString => Encoding.UTF8.GetString(bytes),
                "java.lang.Integer" or "java.lang.Short" or "java.lang.Byte" => JsonSerializer.Deserialize(bytes, KafkaJsonContext.Default.Int32),
                "java.lang.Long" => JsonSerializer.Deserialize(bytes, KafkaJsonContext.Default.Int64),
                "java.lang.Boolean" => JsonSerializer.Deserialize(bytes, KafkaJsonContext.Default.Boolean),
                "java.lang.Double" or "java.lang.Float" => JsonSerializer.Deserialize(bytes, KafkaJsonContext.Default.Double),
                "java.util.UUID" => JsonSerializer.Deserialize(bytes, KafkaJsonContext.Default.Guid),
                _ => bytes,
            };
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            // Spring logs "Could not decode json type" and hands over the raw bytes; so do we.
            return bytes;
        }
    }

    private static Dictionary<string, string>? ReadTypes(byte[] json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, KafkaJsonContext.Default.DictionaryStringString);
        }
        catch (JsonException)
        {
            // Unreadable types: every header stays raw, as with Spring's mapper.
            return null;
        }
    }

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);
}
