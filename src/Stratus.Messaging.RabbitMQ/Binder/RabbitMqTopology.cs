namespace Stratus.Messaging.RabbitMQ.Binder;

/// <summary>
/// Names and arguments as Spring Cloud Stream's <c>RabbitExchangeQueueProvisioner</c> makes them, so a Java service in
/// the same group shares the queue: <c>&lt;destination&gt;.&lt;group&gt;</c>, its DLQ <c>&lt;queue&gt;.dlq</c> on the
/// direct exchange <c>DLX</c>, bound with the queue name as routing key.
/// </summary>
internal static class RabbitMqTopology
{
    public const string DeadLetterExchange = "DLX";

    public static string GroupQueue(string destination, string group) => $"{destination}.{group}";

    public static string DeadLetterQueue(string queue) => $"{queue}.dlq";

    // Spring names anonymous queues <destination>.anonymous.<base64 UUID>.
    public static string AnonymousQueue(string destination) =>
        $"{destination}.anonymous.{Convert.ToBase64String(Guid.NewGuid().ToByteArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_')}";

    public static Dictionary<string, object?> GroupQueueArguments(string queue) => new(StringComparer.Ordinal)
    {
        ["x-dead-letter-exchange"] = DeadLetterExchange,
        ["x-dead-letter-routing-key"] = queue,
    };

    /// <summary>An endpoint to log: scheme, host, port and virtual host, never the user info.</summary>
    public static string Describe(Uri uri) => $"{uri.Scheme}://{uri.Host}:{(uri.IsDefaultPort ? 5672 : uri.Port)}{uri.AbsolutePath}";
}
