namespace Stratus.Messaging.Kafka;

/// <summary>Kafka binder settings under <c>Stratus:Messaging:Kafka</c> (Spring's <c>spring.cloud.stream.kafka.binder.*</c>).</summary>
public sealed class KafkaBinderOptions
{
    /// <summary>The configuration section, <c>Stratus:Messaging:Kafka</c>.</summary>
    public const string SectionName = "Stratus:Messaging:Kafka";

    /// <summary>Comma-separated <c>host:port</c> pairs of the brokers to bootstrap from. Default <c>localhost:9092</c> (Spring's).</summary>
    public string BootstrapServers { get; set; } = "localhost:9092";

    /// <summary>
    /// Creates a missing topic (and dead-letter topic) through the admin API before first use, as Spring's
    /// <c>autoCreateTopics</c>. Default <see langword="true"/>.
    /// </summary>
    public bool AutoCreateTopics { get; set; } = true;

    /// <summary>Partitions of a topic the binder creates. Default 1 (Spring's <c>minPartitionCount</c>); existing topics are never changed.</summary>
    public int Partitions { get; set; } = 1;

    /// <summary>Replication factor of a topic the binder creates. Default -1, the broker's <c>default.replication.factor</c> (Spring's).</summary>
    public short ReplicationFactor { get; set; } = -1;

    /// <summary>
    /// librdkafka properties for every client (producer, consumers, admin), such as <c>security.protocol</c> or
    /// <c>sasl.mechanism</c>; Spring's <c>spring.cloud.stream.kafka.binder.configuration</c>. Values are never logged. Default empty.
    /// </summary>
    public Dictionary<string, string> Configuration { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// librdkafka producer properties, applied over <see cref="Configuration"/>. <c>enable.idempotence=true</c> and
    /// <c>acks=all</c> are always set. Default empty.
    /// </summary>
    public Dictionary<string, string> Producer { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// librdkafka consumer properties, applied over <see cref="Configuration"/>. <c>group.id</c>,
    /// <c>enable.auto.commit=false</c> and <c>enable.auto.offset.store=false</c> are always set. Default empty.
    /// </summary>
    public Dictionary<string, string> Consumer { get; } = new(StringComparer.Ordinal);

    /// <summary>Per-binding Kafka settings by binding name (<c>Stratus:Messaging:Kafka:Bindings:{name}</c>). Empty by default.</summary>
    public Dictionary<string, KafkaBindingOptions> Bindings { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// How long the <c>kafka</c> health check waits for cluster metadata before reporting the binder down (Spring's
    /// <c>healthTimeout</c>, 60 seconds there; shorter here so a probe answers before its own deadline). Default 5 seconds.
    /// </summary>
    public TimeSpan HealthTimeout { get; set; } = TimeSpan.FromSeconds(5);

    internal KafkaBindingOptions GetBinding(string name) =>
        Bindings.TryGetValue(name, out var binding) ? binding : new KafkaBindingOptions();
}
