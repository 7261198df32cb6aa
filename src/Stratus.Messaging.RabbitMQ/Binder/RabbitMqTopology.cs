using Stratus.Messaging.Binding;

namespace Stratus.Messaging.RabbitMQ.Binder;

/// <summary>
/// Names and arguments as Spring Cloud Stream's <c>RabbitExchangeQueueProvisioner</c> and <c>RabbitMessageChannelBinder</c>
/// make them, so a Java service in the same group shares the queue: <c>&lt;destination&gt;.&lt;group&gt;</c> (partitioned:
/// <c>&lt;destination&gt;.&lt;group&gt;-&lt;index&gt;</c>), one DLQ <c>&lt;destination&gt;.&lt;group&gt;.dlq</c> on the
/// direct exchange <c>DLX</c>, and the routing key <c>&lt;destination&gt;-&lt;partition&gt;</c> for partitioned messages.
/// </summary>
internal static class RabbitMqTopology
{
    public const string DeadLetterExchange = "DLX";

    /// <summary>A group queue, unpartitioned or not: Spring's <c>groupedName</c>.</summary>
    public static string GroupQueue(string destination, string group) => $"{destination}.{group}";

    /// <summary>The queue of one partition: the group queue with Spring's <c>-&lt;instanceIndex&gt;</c> suffix.</summary>
    public static string PartitionQueue(string destination, string group, int index) => $"{GroupQueue(destination, group)}-{index}";

    /// <summary>Spring's <c>constructDLQName</c>, of the group queue even when partitioned: one DLQ serves every partition.</summary>
    public static string DeadLetterQueue(string groupQueue) => $"{groupQueue}.dlq";

    /// <summary>The routing key of a message for <paramref name="partition"/>, and the binding key of that partition's queue.</summary>
    public static string PartitionRoutingKey(string destination, int partition) => $"{destination}-{partition}";

    /// <summary>The queue a grouped consumer reads: the group queue, or its partition's queue.</summary>
    public static string ConsumerQueue(ConsumerBinding binding, string group) =>
        binding.Partitioned ? PartitionQueue(binding.Destination, group, binding.InstanceIndex) : GroupQueue(binding.Destination, group);

    /// <summary>The key binding a consumer's queue to the destination: every message, or its partition's.</summary>
    public static string BindingKey(ConsumerBinding binding) =>
        binding.Partitioned ? PartitionRoutingKey(binding.Destination, binding.InstanceIndex) : "#";

    // Spring names anonymous queues <destination>.anonymous.<base64 UUID>.
    public static string AnonymousQueue(string destination) =>
        $"{destination}.anonymous.{Convert.ToBase64String(Guid.NewGuid().ToByteArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_')}";

    /// <summary>
    /// Spring's <c>queueArgs</c> for a group queue: dead letters to <c>DLX</c> with the queue's own name as routing key
    /// (the partition queue's name when partitioned), and <c>x-queue-type=quorum</c> when asked for.
    /// </summary>
    public static Dictionary<string, object?> GroupQueueArguments(string queue, bool quorum)
    {
        var arguments = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["x-dead-letter-exchange"] = DeadLetterExchange,
            ["x-dead-letter-routing-key"] = queue,
        };
        if (quorum)
        {
            arguments["x-queue-type"] = RabbitMqBindingOptions.Quorum;
        }

        return arguments;
    }

    /// <summary>A DLQ has no arguments by default; <c>x-queue-type=quorum</c> when asked for (Spring's <c>dlqQuorum.enabled</c>).</summary>
    public static Dictionary<string, object?>? DeadLetterQueueArguments(bool quorum) =>
        quorum ? new Dictionary<string, object?>(StringComparer.Ordinal) { ["x-queue-type"] = RabbitMqBindingOptions.Quorum } : null;

    /// <summary>
    /// The keys binding the DLQ to <c>DLX</c>, as Spring's <c>autoBindDLQ</c>: the consumer queue's name (what its
    /// <c>x-dead-letter-routing-key</c> and the republisher use) and, when partitioned, the group queue's name too.
    /// </summary>
    public static IEnumerable<string> DeadLetterBindingKeys(string consumerQueue, string groupQueue) =>
        consumerQueue == groupQueue ? [consumerQueue] : [consumerQueue, groupQueue];

    /// <summary>An endpoint to log: scheme, host, port and virtual host, never the user info.</summary>
    public static string Describe(Uri? uri) => uri is { IsAbsoluteUri: true }
        ? $"{uri.Scheme}://{uri.Host}:{(uri.IsDefaultPort || uri.Port < 0 ? (uri.Scheme == "amqps" ? 5671 : 5672) : uri.Port)}{uri.AbsolutePath}"
        : "(not an absolute URI)";
}
