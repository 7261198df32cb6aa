using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Stratus.Messaging.Kafka.Binder;

internal sealed partial class KafkaBinder
{
    // Messaging's block is 2000-2199: the core has 2000s, RabbitMQ 2100-2149, Kafka 2150-2199.
    internal static partial class Log
    {
        [LoggerMessage(EventId = 2150, EventName = "KafkaProducerCreated", Level = LogLevel.Information, Message = "Kafka producer created for bootstrap servers {BootstrapServers}")]
        public static partial void ProducerCreated(ILogger logger, string bootstrapServers);

        [LoggerMessage(EventId = 2151, EventName = "KafkaTopicCreated", Level = LogLevel.Information, Message = "Created Kafka topic '{Topic}' with {Partitions} partitions")]
        public static partial void TopicCreated(ILogger logger, string topic, int partitions);

        [LoggerMessage(EventId = 2152, EventName = "KafkaDeadLettered", Level = LogLevel.Error,
            Message = "Message on binding '{Binding}' at {TopicPartitionOffset} failed and was sent to '{DeadLetterTopic}'")]
        public static partial void DeadLettered(ILogger logger, string binding, string topicPartitionOffset, string deadLetterTopic, Exception exception);

        [LoggerMessage(EventId = 2153, EventName = "KafkaAnonymousDropped", Level = LogLevel.Error,
            Message = "Message on anonymous binding '{Binding}' at {TopicPartitionOffset} failed and was skipped: anonymous consumers have no dead-letter topic")]
        public static partial void AnonymousDropped(ILogger logger, string binding, string topicPartitionOffset, Exception exception);

        [LoggerMessage(EventId = 2154, EventName = "KafkaDeadLetterFailed", Level = LogLevel.Error,
            Message = "Sending a failed message on binding '{Binding}' to '{DeadLetterTopic}' failed; it will be redelivered after {Delay}")]
        public static partial void DeadLetterFailed(ILogger logger, string binding, string deadLetterTopic, TimeSpan delay, Exception exception);

        [LoggerMessage(EventId = 2155, EventName = "KafkaCommitFailed", Level = LogLevel.Warning,
            Message = "Committing {TopicPartitionOffset} on binding '{Binding}' failed; the message may be redelivered")]
        public static partial void CommitFailed(ILogger logger, string binding, string topicPartitionOffset, Exception exception);

        [LoggerMessage(EventId = 2156, EventName = "KafkaConsumeFailed", Level = LogLevel.Warning, Message = "Consuming binding '{Binding}' failed: {Reason}")]
        public static partial void ConsumeFailed(ILogger logger, string binding, string reason);

        [LoggerMessage(EventId = 2157, EventName = "KafkaClientError", Level = LogLevel.Warning, Message = "Kafka {Client} error {Code}: {Reason}")]
        public static partial void ClientError(ILogger logger, string client, ErrorCode code, string reason);

        [LoggerMessage(EventId = 2158, EventName = "KafkaPartitionsAssigned", Level = LogLevel.Information,
            Message = "Binding '{Binding}' reads partitions {Partitions} of '{Topic}' without auto-rebalance")]
        public static partial void PartitionsAssigned(ILogger logger, string binding, string topic, int[] partitions);

        [LoggerMessage(EventId = 2159, EventName = "KafkaDeadLetterPartitionMissing", Level = LogLevel.Warning,
            Message = "Dead-letter topic '{DeadLetterTopic}' has no partition {Partition}; the dead letter goes to the partition the producer picks")]
        public static partial void DeadLetterPartitionMissing(ILogger logger, string deadLetterTopic, int partition);
    }
}
