namespace Stratus.Messaging.RabbitMQ;

/// <summary>RabbitMQ binder settings under <c>Stratus:Messaging:RabbitMQ</c> (Spring's <c>spring.rabbitmq.*</c>).</summary>
public sealed class RabbitMqBinderOptions
{
    /// <summary>The configuration section, <c>Stratus:Messaging:RabbitMQ</c>.</summary>
    public const string SectionName = "Stratus:Messaging:RabbitMQ";

    /// <summary>
    /// The broker as an AMQP URI, <c>amqp://user:password@host:port/vhost</c> (or <c>amqps://</c>). Default
    /// <c>amqp://localhost:5672/</c> with RabbitMQ's <c>guest</c> user. Credentials in it are never logged.
    /// </summary>
    public Uri Uri { get; set; } = new("amqp://localhost:5672/");

    /// <summary>The connection name shown in the RabbitMQ management UI. Default <c>stratus</c>.</summary>
    public string ConnectionName { get; set; } = "stratus";

    /// <summary>
    /// Attempts at the first connection before the binder gives up (and the host fails to start), the first included.
    /// Default 10; 1 disables retrying. An authentication failure is never retried.
    /// </summary>
    public int ConnectionRetryMaxAttempts { get; set; } = 10;

    /// <summary>The delay after the first failed connection attempt. Default 1 second.</summary>
    public TimeSpan ConnectionRetryInitialInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The factor applied to the delay after each failed connection attempt. Default 2.0.</summary>
    public double ConnectionRetryMultiplier { get; set; } = 2.0;

    /// <summary>The longest delay between connection attempts. Default 10 seconds (so the defaults wait about a minute in total).</summary>
    public TimeSpan ConnectionRetryMaxInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// After an established connection is lost, how long the client waits between attempts to recover it, its channels
    /// and its consumers. Default 5 seconds (Spring's <c>recoveryInterval</c>). Recovery never gives up.
    /// </summary>
    public TimeSpan RecoveryInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// RabbitMQ settings per binding, <c>Stratus:Messaging:RabbitMQ:Bindings:{name}</c> (Spring's
    /// <c>spring.cloud.stream.rabbit.bindings.{name}.consumer</c>). Empty by default.
    /// </summary>
    public Dictionary<string, RabbitMqBindingOptions> Bindings { get; } = new(StringComparer.OrdinalIgnoreCase);

    internal RabbitMqBindingOptions GetBinding(string name) =>
        Bindings.TryGetValue(name, out var binding) ? binding : new RabbitMqBindingOptions();
}
