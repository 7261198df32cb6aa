namespace Stratus.Messaging.Binding;

/// <summary>A received message as a binder hands it to the core; <see cref="Body"/> is valid only until the handler completes.</summary>
/// <param name="Body">The payload bytes.</param>
/// <param name="Headers">
/// The application headers, with broker encodings undone: text as <see cref="string"/> (AMQP long strings and Kafka
/// headers Spring lists as <c>java.lang.String</c>), numbers as <see cref="int"/>/<see cref="long"/>, anything else as the
/// binder reads it (raw Kafka headers as <see cref="byte"/> arrays). Never <see langword="null"/>.
/// </param>
public sealed record InboundMessage(ReadOnlyMemory<byte> Body, IReadOnlyDictionary<string, object?> Headers)
{
    /// <summary>A message without headers.</summary>
    /// <param name="body">The payload bytes.</param>
    public InboundMessage(ReadOnlyMemory<byte> body)
        : this(body, EmptyHeaders)
    {
    }

    /// <summary>The message id the publisher gave it (the AMQP <c>message-id</c> property, the Kafka <c>stratus_messageId</c> header), if any.</summary>
    public string? MessageId { get; init; }

    /// <summary>The partition it arrived on (the Kafka record's; on RabbitMQ the partitioned consumer's instance index), or <see langword="null"/>.</summary>
    public int? Partition { get; init; }

    internal static readonly IReadOnlyDictionary<string, object?> EmptyHeaders = new Dictionary<string, object?>(0, StringComparer.Ordinal);
}
