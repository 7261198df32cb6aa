using System.Buffers.Binary;
using System.Text;
using Confluent.Kafka;

namespace Stratus.Messaging.Kafka.Binder;

/// <summary>Header names of the Kafka binder and the encodings of Spring Cloud Stream's Kafka dead-letter records.</summary>
internal static class KafkaHeaders
{
    /// <summary>Spring's header mappers list each typed header's Java class here, as a JSON object.</summary>
    public const string SpringJsonHeaderTypes = "spring_json_header_types";

    /// <summary>
    /// The message id (<see cref="Stratus.Messaging.Binding.OutboundMessage.MessageId"/>), a string header. Not <c>id</c>:
    /// Spring never maps its own <c>id</c> outbound, and an inbound <c>id</c> header would land in the Java message's
    /// <c>id</c> slot, which must hold a <c>UUID</c>.
    /// </summary>
    public const string MessageId = "stratus_messageId";

    public const string OriginalTopic = "x-original-topic";
    public const string OriginalPartition = "x-original-partition";
    public const string OriginalOffset = "x-original-offset";
    public const string OriginalTimestamp = "x-original-timestamp";
    public const string OriginalTimestampType = "x-original-timestamp-type";
    public const string ExceptionFqcn = "x-exception-fqcn";
    public const string ExceptionMessage = "x-exception-message";
    public const string ExceptionStackTrace = "x-exception-stacktrace";

    /// <summary>
    /// The original headers plus Spring Cloud Stream's dead-letter headers: partition as a 4-byte and offset and timestamp
    /// as 8-byte big-endian integers (a missing timestamp as -1, Kafka's <c>NO_TIMESTAMP</c>), the rest UTF-8 strings,
    /// none of them typed in <c>spring_json_header_types</c> (KafkaMessageChannelBinder adds them as raw record headers).
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
        BinaryPrimitives.WriteInt64BigEndian(timestamp, record.Message.Timestamp.Type == TimestampType.NotAvailable ? -1 : record.Message.Timestamp.UnixTimestampMs);
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
