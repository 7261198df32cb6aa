namespace Stratus.Messaging.Binding;

/// <summary>
/// Connects bindings to one broker, as a Spring Cloud Stream binder does. Stratus.Messaging.RabbitMQ implements it;
/// the core serialises payloads, retries handlers and calls the binder with bytes.
/// </summary>
public interface IMessageBinder
{
    /// <summary>Publishes <paramref name="message"/> to <paramref name="destination"/> and completes when the broker has confirmed it.</summary>
    /// <param name="destination">The destination (a topic exchange on RabbitMQ).</param>
    /// <param name="message">The serialised message.</param>
    /// <param name="cancellationToken">Cancels waiting for the confirm; the message may still arrive.</param>
    /// <returns>A task that completes on the broker's confirm and faults on a nack or a lost connection.</returns>
    Task PublishAsync(string destination, OutboundMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// Starts consuming <paramref name="binding"/>. The binder acknowledges a message only after <paramref name="handler"/>
    /// completes; when it throws (after the core's retries), the binder dead-letters the message and acknowledges it.
    /// </summary>
    /// <param name="binding">The consumer binding.</param>
    /// <param name="handler">Handles one message; its token is cancelled when the consumer stops.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>Disposing it stops the consumer; unacknowledged messages return to the queue.</returns>
    Task<IAsyncDisposable> BindConsumerAsync(ConsumerBinding binding, Func<InboundMessage, CancellationToken, Task> handler, CancellationToken cancellationToken);

    /// <summary>
    /// The partitions the broker has for <paramref name="destination"/>, or <see langword="null"/> when the broker does not
    /// partition destinations itself (RabbitMQ). A partitioned producer selects among the larger of this and the binding's
    /// <c>PartitionCount</c>, as Spring Cloud Stream does when a Kafka topic has more partitions than configured.
    /// </summary>
    /// <param name="destination">The destination.</param>
    /// <param name="cancellationToken">Cancels the look-up.</param>
    /// <returns>The partition count, or <see langword="null"/>.</returns>
    ValueTask<int?> GetPartitionCountAsync(string destination, CancellationToken cancellationToken) => ValueTask.FromResult<int?>(null);
}
