namespace Stratus.Messaging;

/// <summary>Header names Spring Cloud Stream writes and reads, so Java and .NET services interoperate.</summary>
public static class MessageHeaders
{
    /// <summary><c>contentType</c>: the payload's MIME type.</summary>
    public const string ContentType = "contentType";

    /// <summary><c>scst_partition</c>: the partition a partitioned producer chose (Spring's <c>BinderHeaders.PARTITION_HEADER</c>).</summary>
    public const string Partition = "scst_partition";

    /// <summary><c>x-exception-message</c>: why a dead-lettered message failed.</summary>
    public const string ExceptionMessage = "x-exception-message";

    /// <summary><c>x-exception-stacktrace</c>: the failure's stack trace, truncated.</summary>
    public const string ExceptionStackTrace = "x-exception-stacktrace";

    /// <summary><c>x-original-exchange</c>: the exchange a dead-lettered message was first published to.</summary>
    public const string OriginalExchange = "x-original-exchange";

    /// <summary><c>x-original-routingKey</c>: the routing key a dead-lettered message was first published with.</summary>
    public const string OriginalRoutingKey = "x-original-routingKey";
}
