namespace Stratus.Messaging.Kafka.Binder;

/// <summary>Names as Spring Cloud Stream's Kafka binder makes them, so a Java service in the same group shares offsets and dead letters.</summary>
internal static class KafkaTopology
{
    // KafkaTopicProvisioner / KafkaMessageChannelBinder: error.<destination>.<group>.
    public static string DeadLetterTopic(string destination, string group) => $"error.{destination}.{group}";

    // Spring names anonymous consumer groups anonymous.<uuid>.
    public static string AnonymousGroup() => $"anonymous.{Guid.NewGuid():D}";

    /// <summary>
    /// Partitions for a topic the binder creates, as Spring's provisioner sizes it: at least <paramref name="minimum"/>
    /// (<c>minPartitionCount</c>), the <c>PartitionCount</c> of a producer and the <c>InstanceCount</c> of a consumer on it.
    /// </summary>
    public static int PartitionsToCreate(string destination, int minimum, MessagingOptions messaging)
    {
        var partitions = minimum;
        foreach (var (name, binding) in messaging.Bindings)
        {
            var target = string.IsNullOrWhiteSpace(binding.Destination) ? name : binding.Destination;
            if (string.Equals(target, destination, StringComparison.Ordinal))
            {
                partitions = Math.Max(partitions, Math.Max(binding.PartitionCount, binding.InstanceCount ?? messaging.InstanceCount));
            }
        }

        return partitions;
    }
}
