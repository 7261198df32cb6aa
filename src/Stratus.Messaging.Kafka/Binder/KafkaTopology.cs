namespace Stratus.Messaging.Kafka.Binder;

/// <summary>Names as Spring Cloud Stream's Kafka binder makes them, so a Java service in the same group shares offsets and dead letters.</summary>
internal static class KafkaTopology
{
    // KafkaTopicProvisioner / KafkaMessageChannelBinder: error.<destination>.<group>.
    public static string DeadLetterTopic(string destination, string group) => $"error.{destination}.{group}";

    // Spring names anonymous consumer groups anonymous.<uuid>.
    public static string AnonymousGroup() => $"anonymous.{Guid.NewGuid():D}";
}
