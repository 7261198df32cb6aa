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
}
