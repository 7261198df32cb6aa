using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;

namespace Stratus.Messaging.Kafka.Binder;

/// <summary>Header names and encodings of Spring Kafka's header mapper and Spring Cloud Stream's Kafka dead-letter records.</summary>
internal static class KafkaHeaders
{
    /// <summary>Spring Kafka's <c>DefaultKafkaHeaderMapper</c> lists each mapped header's Java type here, as a JSON object.</summary>
    public const string SpringJsonHeaderTypes = "spring_json_header_types";
    public const string OriginalTopic = "x-original-topic";
    public const string OriginalPartition = "x-original-partition";
    public const string OriginalOffset = "x-original-offset";
    public const string OriginalTimestamp = "x-original-timestamp";
    public const string OriginalTimestampType = "x-original-timestamp-type";
    public const string ExceptionFqcn = "x-exception-fqcn";
    public const string ExceptionMessage = "x-exception-message";
    public const string ExceptionStackTrace = "x-exception-stacktrace";

    /// <summary>
    /// Strings are written raw in UTF-8 and typed <c>java.lang.String</c> in <c>spring_json_header_types</c>, as Spring
    /// Kafka's mapper does by default; byte arrays are written as they are; anything else as its invariant string.
    /// </summary>
    public static Headers FromOutbound(IReadOnlyDictionary<string, object?> headers)
    {
        var kafka = new Headers();
        var types = new StringBuilder("{");
        foreach (var (name, value) in headers)
        {
            switch (value)
            {
                case null:
                    continue;
                case byte[] bytes:
                    kafka.Add(name, bytes);
                    continue;
                default:
                    kafka.Add(name, Encoding.UTF8.GetBytes(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty));
                    if (types.Length > 1)
                    {
                        types.Append(',');
                    }

                    types.Append('"').Append(JsonEncodedText.Encode(name).ToString()).Append("\":\"java.lang.String\"");
                    continue;
            }
        }

        if (types.Length > 1)
        {
            kafka.Add(SpringJsonHeaderTypes, Encoding.UTF8.GetBytes(types.Append('}').ToString()));
        }

        return kafka;
    }

    /// <summary>
    /// The original headers plus Spring Cloud Stream's dead-letter headers: partition as a 4-byte and offset and timestamp
    /// as 8-byte big-endian integers, the rest UTF-8 strings.
    /// </summary>
    public static Headers ForDeadLetter(ConsumeResult<byte[]?, byte[]?> record, Exception failure)
    {
        var headers = new Headers();
        foreach (var header in record.Message.Headers ?? [])
        {
            headers.Add(header.Key, header.GetValueBytes());
        }

        var partition = new byte[sizeof(int)];
        BinaryPrimitives.WriteInt32BigEndian(partition, record.Partition.Value);
        var offset = new byte[sizeof(long)];
        BinaryPrimitives.WriteInt64BigEndian(offset, record.Offset.Value);
        var timestamp = new byte[sizeof(long)];
        BinaryPrimitives.WriteInt64BigEndian(timestamp, record.Message.Timestamp.UnixTimestampMs);
        headers.Add(OriginalTopic, Encoding.UTF8.GetBytes(record.Topic));
        headers.Add(OriginalPartition, partition);
        headers.Add(OriginalOffset, offset);
        headers.Add(OriginalTimestamp, timestamp);
        headers.Add(OriginalTimestampType, Encoding.UTF8.GetBytes(JavaTimestampType(record.Message.Timestamp.Type)));
        headers.Add(ExceptionFqcn, Encoding.UTF8.GetBytes(failure.GetType().FullName ?? failure.GetType().Name));
        headers.Add(ExceptionMessage, Encoding.UTF8.GetBytes(failure.Message));
        headers.Add(ExceptionStackTrace, Encoding.UTF8.GetBytes(failure.ToString()));
        return headers;
    }

    // Java's TimestampType.toString(): the names Kafka itself uses.
    private static string JavaTimestampType(TimestampType type) => type switch
    {
        TimestampType.CreateTime => "CreateTime",
        TimestampType.LogAppendTime => "LogAppendTime",
        _ => "NoTimestampType",
    };
}
