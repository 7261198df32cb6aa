namespace Stratus.Messaging.Kafka;

/// <summary>
/// Kafka settings of one binding under <c>Stratus:Messaging:Kafka:Bindings:{name}</c> (Spring's
/// <c>spring.cloud.stream.kafka.bindings.{name}.consumer.*</c>); the name is the binding's, as under <c>Stratus:Messaging:Bindings</c>.
/// </summary>
public sealed class KafkaBindingOptions
{
    /// <summary>
    /// Consumer: join the consumer group and let Kafka balance the partitions among its members (Spring's
    /// <c>autoRebalanceEnabled</c>). When false, a named group's consumer is assigned the partitions <c>p</c> with
    /// <c>p % InstanceCount == InstanceIndex</c> itself and never rebalances; the topic must have at least
    /// <c>InstanceCount</c> partitions. Anonymous consumers always use group management, as in Spring. Default <see langword="true"/>.
    /// </summary>
    public bool AutoRebalanceEnabled { get; set; } = true;

    /// <summary>
    /// Consumer: partitions of the dead-letter topic (Spring's <c>dlqPartitions</c>). Unset, dead letters go to the
    /// partition they came from, and a dead-letter topic the binder creates gets as many partitions as the destination;
    /// 1 sends every dead letter to partition 0; above 1, the original partition again. Default unset.
    /// </summary>
    public int? DlqPartitions { get; set; }
}
