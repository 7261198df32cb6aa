namespace Stratus.Messaging.Kafka.Binder;

/// <summary>A group's dead-letter topic and its configured partitions (Spring's <c>dlqPartitions</c>, unset by default).</summary>
internal sealed record DeadLetterTarget(string Topic, int? Partitions);
