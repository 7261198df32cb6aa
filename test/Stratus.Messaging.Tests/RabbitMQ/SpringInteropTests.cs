using System.Text;
using System.Text.Json;
using RabbitMQ.Client;
using Stratus.Messaging.Tests.Support;

namespace Stratus.Messaging.Tests.RabbitMQ;

/// <summary>What a Spring Cloud Stream consumer on the same exchange sees, read with a raw AMQP client.</summary>
public sealed class SpringInteropTests(RabbitMqBroker broker)
{
    [Fact]
    public async Task Published_message_carries_json_content_type_as_property_and_header()
    {
        var token = TestContext.Current.CancellationToken;
        var destination = "orders-" + Guid.NewGuid().ToString("N")[..8];
        await using var connection = await broker.ConnectAsync();
        await using var channel = await connection.CreateChannelAsync(cancellationToken: token);
        await channel.ExchangeDeclareAsync(destination, ExchangeType.Topic, durable: true, cancellationToken: token);
        var queue = (await channel.QueueDeclareAsync(cancellationToken: token)).QueueName;
        await channel.QueueBindAsync(queue, destination, "#", cancellationToken: token);
        await using var app = await MessagingApp.StartAsync(broker, MessagingApp.Orders(destination, group: null));

        await app.Publisher.PublishAsync("orders", new OrderPlaced("o-7", 2), new Dictionary<string, object?> { ["tenant"] = "acme" }, token);

        var message = await Eventually.GetAsync(() => channel.BasicGetAsync(queue, autoAck: true, token), TimeSpan.FromSeconds(10), "the published message");
        Assert.Equal("application/json", message.BasicProperties.ContentType);
        Assert.Equal("application/json", RabbitMqBinderTests.Header(message, "contentType"));
        Assert.Equal("acme", RabbitMqBinderTests.Header(message, "tenant"));
        Assert.Equal(DeliveryModes.Persistent, message.BasicProperties.DeliveryMode);
        using var json = JsonDocument.Parse(Encoding.UTF8.GetString(message.Body.Span));
        Assert.Equal("o-7", json.RootElement.GetProperty("orderId").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("quantity").GetInt32());
    }
}
