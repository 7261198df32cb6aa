namespace Stratus.Messaging;

/// <summary>A received message with its headers, as Spring's <c>Message&lt;T&gt;</c>; for handlers added with <c>AddMessageConsumer</c>.</summary>
/// <typeparam name="T">The payload type.</typeparam>
/// <param name="Payload">The payload read from JSON.</param>
/// <param name="Headers">The application headers (<c>contentType</c>, trace headers, the publisher's own), text as strings.</param>
public sealed record ReceivedMessage<T>(T Payload, IReadOnlyDictionary<string, object?> Headers)
{
    /// <summary>The id the publisher gave the message, or <see langword="null"/> when it has none (Spring publishers set none by default).</summary>
    public string? MessageId { get; init; }

    /// <summary>The partition it was read from (the Kafka record's; on RabbitMQ the partitioned consumer's instance index), or <see langword="null"/>.</summary>
    public int? Partition { get; init; }
}
