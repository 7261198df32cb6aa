namespace Stratus.Messaging;

/// <summary>
/// One named binding under <c>Stratus:Messaging:Bindings:{name}</c>, Spring Cloud Stream's
/// <c>spring.cloud.stream.bindings.{name}</c> with its consumer retry settings flattened in.
/// </summary>
public sealed class BindingOptions
{
    /// <summary>The default content type, Spring's <c>BindingProperties.DEFAULT_CONTENT_TYPE</c>.</summary>
    public const string DefaultContentType = "application/json";

    /// <summary>The broker destination (a topic exchange on RabbitMQ). Defaults to the binding name when unset.</summary>
    public string? Destination { get; set; }

    /// <summary>
    /// The consumer group. Consumers in one group share a durable queue and each message reaches one of them; without a
    /// group a consumer gets an anonymous, exclusive, auto-deleted queue and no dead-letter queue. No default.
    /// </summary>
    public string? Group { get; set; }

    /// <summary>The content type written to published messages. Default <c>application/json</c>; only JSON is supported.</summary>
    public string ContentType { get; set; } = DefaultContentType;

    /// <summary>Delivery attempts before a failing message is dead-lettered, including the first. Default 3 (Spring's); 1 disables retry.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The delay before the second attempt. Default 1 second (Spring's <c>backOffInitialInterval</c>).</summary>
    public TimeSpan BackOffInitialInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The factor applied to the delay after each failed attempt. Default 2.0 (Spring's).</summary>
    public double BackOffMultiplier { get; set; } = 2.0;

    /// <summary>The longest delay between attempts. Default 10 seconds (Spring's).</summary>
    public TimeSpan BackOffMaxInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Unacknowledged messages the broker delivers to one consumer at a time. Default 1 (Spring's Rabbit binder).</summary>
    public int Prefetch { get; set; } = 1;

    /// <summary>
    /// Producer: partitions of the destination (Spring's <c>producer.partitionCount</c>). Default 1 (not partitioned); above
    /// 1 each message goes to the partition its key selects, as Spring's default selector does (Java <c>hashCode</c> of
    /// the key, absolute, modulo the count), so Java and .NET producers agree.
    /// </summary>
    public int PartitionCount { get; set; } = 1;

    /// <summary>
    /// Producer: where the partition key comes from (Spring's <c>producer.partitionKeyExpression</c>, a small subset of
    /// SpEL): <c>payload</c>, <c>payload.a.b</c> (a property path in the JSON payload, names as serialised) or
    /// <c>headers['name']</c> / <c>headers.name</c>. Required when <see cref="PartitionCount"/> is above 1.
    /// </summary>
    public string? PartitionKeyExpression { get; set; }

    /// <summary>Consumer: read one partition of a partitioned destination (Spring's <c>consumer.partitioned</c>). Default false.</summary>
    public bool Partitioned { get; set; }

    /// <summary>Consumer: this instance's index, the partition it reads (Spring's <c>instanceIndex</c>). Defaults to <see cref="MessagingOptions.InstanceIndex"/>.</summary>
    public int? InstanceIndex { get; set; }

    /// <summary>Consumer: how many instances read the partitions (Spring's <c>instanceCount</c>). Defaults to <see cref="MessagingOptions.InstanceCount"/>.</summary>
    public int? InstanceCount { get; set; }

    /// <summary>
    /// Consumer: the handler is idempotent by message id: a message whose id was already handled successfully (within
    /// <see cref="DeduplicationWindow"/>) is acknowledged without calling the handler again, so a redelivery after a
    /// broker restart or a killed consumer is not processed twice. Uses the registered <c>IMessageDeduplicationStore</c>
    /// (in memory by default; Redis to share it between instances). Default false.
    /// </summary>
    public bool Idempotent { get; set; }

    /// <summary>How long a handled message id is remembered when <see cref="Idempotent"/> is on. Default 24 hours.</summary>
    public TimeSpan DeduplicationWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How long a consumer's claim on a message id holds when <see cref="Idempotent"/> is on. A copy of the message that reaches
    /// another consumer meanwhile waits for the claim to be completed (then it is skipped), given up (then it is handled) or
    /// to expire (its owner died; then it is handled). Keep it above the handler's longest run. Default 30 seconds.
    /// </summary>
    public TimeSpan DeduplicationLease { get; set; } = TimeSpan.FromSeconds(30);

    internal string ResolveDestination(string bindingName) => string.IsNullOrWhiteSpace(Destination) ? bindingName : Destination;
}
