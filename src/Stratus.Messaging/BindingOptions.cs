namespace Stratus.Messaging;

/// <summary>
/// One named binding under <c>Stratus:Messaging:Bindings:{name}</c>, Spring Cloud Stream's
/// <c>spring.cloud.stream.bindings.{name}</c> with its consumer retry settings flattened in.
/// </summary>
public sealed class BindingOptions
{
    /// <summary>The default content type, Spring's <c>BindingProperties.DEFAULT_CONTENT_TYPE</c>.</summary>
    public const string DefaultContentType = "application/json";

    /// <summary>The broker destination (a topic exchange on RabbitMQ). Defaults to the binding name when unset.</summary>
    public string? Destination { get; set; }

    /// <summary>
    /// The consumer group. Consumers in one group share a durable queue and each message reaches one of them; without a
    /// group a consumer gets an anonymous, exclusive, auto-deleted queue and no dead-letter queue. No default.
    /// </summary>
    public string? Group { get; set; }

    /// <summary>The content type written to published messages. Default <c>application/json</c>; only JSON is supported.</summary>
    public string ContentType { get; set; } = DefaultContentType;

    /// <summary>Delivery attempts before a failing message is dead-lettered, including the first. Default 3 (Spring's); 1 disables retry.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The delay before the second attempt. Default 1 second (Spring's <c>backOffInitialInterval</c>).</summary>
    public TimeSpan BackOffInitialInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The factor applied to the delay after each failed attempt. Default 2.0 (Spring's).</summary>
    public double BackOffMultiplier { get; set; } = 2.0;

    /// <summary>The longest delay between attempts. Default 10 seconds (Spring's).</summary>
    public TimeSpan BackOffMaxInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Unacknowledged messages the broker delivers to one consumer at a time. Default 1 (Spring's Rabbit binder).</summary>
    public int Prefetch { get; set; } = 1;

    internal string ResolveDestination(string bindingName) => string.IsNullOrWhiteSpace(Destination) ? bindingName : Destination;
}
