namespace Stratus.Messaging.Binding;

/// <summary>A serialised message on its way to a binder.</summary>
/// <param name="Body">The payload bytes.</param>
/// <param name="ContentType">The payload's MIME type, written as the <c>contentType</c> header.</param>
/// <param name="Headers">Application headers, <c>contentType</c> included (and <c>scst_partition</c> when partitioned).</param>
public sealed record OutboundMessage(ReadOnlyMemory<byte> Body, string ContentType, IReadOnlyDictionary<string, object?> Headers)
{
    /// <summary>
    /// A unique id for the message, written as the AMQP <c>message-id</c> property or the Kafka <c>stratus_messageId</c> header, so a
    /// consumer can drop redeliveries. <see langword="null"/> when the caller gave none.
    /// </summary>
    public string? MessageId { get; init; }

    /// <summary>
    /// The target partition chosen by the core (Spring's <c>PartitionHandler</c>), or <see langword="null"/> for an
    /// unpartitioned binding. RabbitMQ routes with <c>&lt;destination&gt;-&lt;partition&gt;</c>; Kafka writes to that partition.
    /// </summary>
    public int? Partition { get; init; }

    /// <summary>The record key (Kafka), or <see langword="null"/>: the partition key's text when partitioned.</summary>
    public string? Key { get; init; }
}
