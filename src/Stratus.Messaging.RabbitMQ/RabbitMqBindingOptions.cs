namespace Stratus.Messaging.RabbitMQ;

/// <summary>
/// RabbitMQ settings of one consumer binding under <c>Stratus:Messaging:RabbitMQ:Bindings:{name}</c>, Spring's
/// <c>spring.cloud.stream.rabbit.bindings.{name}.consumer.*</c>.
/// </summary>
public sealed class RabbitMqBindingOptions
{
    /// <summary>The classic queue type, RabbitMQ's default.</summary>
    public const string Classic = "classic";

    /// <summary>The quorum queue type: replicated, always durable, never exclusive or auto-deleted.</summary>
    public const string Quorum = "quorum";

    /// <summary>
    /// The group queue's type, <c>classic</c> or <c>quorum</c> (Spring's <c>quorum.enabled</c>); quorum declares it with
    /// <c>x-queue-type=quorum</c> and needs a <c>Group</c>. Default <c>classic</c>. Changing it for an existing queue
    /// fails the declaration: RabbitMQ cannot change a queue's type, so delete the queue first.
    /// </summary>
    public string QueueType { get; set; } = Classic;

    /// <summary>
    /// The dead-letter queue's type, <c>classic</c> or <c>quorum</c> (Spring's <c>dlqQuorum.enabled</c>), independent of
    /// <see cref="QueueType"/> as in Spring. Default <c>classic</c>.
    /// </summary>
    public string DeadLetterQueueType { get; set; } = Classic;

    internal bool IsQuorum => string.Equals(QueueType, Quorum, StringComparison.OrdinalIgnoreCase);

    internal bool IsDeadLetterQuorum => string.Equals(DeadLetterQueueType, Quorum, StringComparison.OrdinalIgnoreCase);
}
