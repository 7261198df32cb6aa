namespace Stratus.Messaging.Binding;

/// <summary>What a binder needs to consume one binding.</summary>
/// <param name="Name">The binding name.</param>
/// <param name="Destination">The destination (a topic exchange on RabbitMQ).</param>
/// <param name="Group">The consumer group, or <see langword="null"/> for an anonymous subscription.</param>
/// <param name="Prefetch">Unacknowledged messages delivered at a time.</param>
public sealed record ConsumerBinding(string Name, string Destination, string? Group, int Prefetch)
{
    /// <summary>
    /// Whether the consumer reads one partition of a partitioned destination (Spring's <c>consumer.partitioned</c>):
    /// on RabbitMQ the queue <c>&lt;destination&gt;.&lt;group&gt;-&lt;index&gt;</c> bound with <c>&lt;destination&gt;-&lt;index&gt;</c>.
    /// </summary>
    public bool Partitioned { get; init; }

    /// <summary>This instance's index among <see cref="InstanceCount"/> (Spring's <c>instanceIndex</c>); the partition it reads.</summary>
    public int InstanceIndex { get; init; }

    /// <summary>How many instances share the partitions (Spring's <c>instanceCount</c>).</summary>
    public int InstanceCount { get; init; } = 1;
}
