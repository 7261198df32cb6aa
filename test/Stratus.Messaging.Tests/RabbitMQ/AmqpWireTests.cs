using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;
using Stratus.Messaging.Binding;
using Stratus.Messaging.Tests.Support;

namespace Stratus.Messaging.Tests.RabbitMQ;

/// <summary>What the binder reads from and writes to AMQP, checked against a raw client on the real node.</summary>
public sealed class AmqpWireTests(RabbitMqBroker broker)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly string _destination = "wire-" + Guid.NewGuid().ToString("N")[..8];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Inbound_headers_arrive_decoded_with_the_message_id()
    {
        await using var app = await MessagingApp.StartAsync(broker, MessagingApp.Orders(_destination, "audit"));
        var binder = app.Services.GetRequiredService<IMessageBinder>();
        var received = new TaskCompletionSource<InboundMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var consumer = await binder.BindConsumerAsync(new ConsumerBinding("orders", _destination, "audit", 1),
            (message, _) => { received.TrySetResult(message with { Body = message.Body.ToArray() }); return Task.CompletedTask; }, Token);
        var longText = new string('x', 4000);
        await using (var connection = await broker.ConnectAsync())
        await using (var channel = await connection.CreateChannelAsync(cancellationToken: Token))
        {
            // The .NET client writes strings as AMQP long strings, as the Java client and Spring do.
            var properties = new BasicProperties
            {
                ContentType = "application/json",
                MessageId = "m-42",
                Headers = new Dictionary<string, object?>
                {
                    ["tenant"] = "acme",
                    ["long-text"] = longText,
                    ["attempt"] = 2,
                    ["sequence"] = 5_000_000_000L,
                    ["urgent"] = true,
                    ["route"] = new Dictionary<string, object?> { ["region"] = "eu-west", ["hops"] = 3 },
                    ["tags"] = new List<object?> { "blue", 7 },
                },
            };
            await channel.BasicPublishAsync(_destination, _destination, false, properties, "{}"u8.ToArray(), Token);
        }

        var inbound = await received.Task.WaitAsync(Timeout, Token);
        Assert.Equal("m-42", inbound.MessageId);
        Assert.Null(inbound.Partition);
        Assert.Equal("acme", inbound.Headers["tenant"]);
        Assert.Equal(longText, inbound.Headers["long-text"]);
        Assert.Equal(2, inbound.Headers["attempt"]);
        Assert.Equal(5_000_000_000L, inbound.Headers["sequence"]);
        Assert.Equal(true, inbound.Headers["urgent"]);
        var route = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(inbound.Headers["route"]);
        Assert.Equal("eu-west", route["region"]);
        Assert.Equal(3, route["hops"]);
        Assert.Equal(["blue", 7], Assert.IsAssignableFrom<IEnumerable<object?>>(inbound.Headers["tags"]));
        // No contentType header was sent: Spring maps the AMQP property to it, and so do we.
        Assert.Equal("application/json", inbound.Headers[MessageHeaders.ContentType]);
        Assert.Equal("{}", System.Text.Encoding.UTF8.GetString(inbound.Body.Span));
    }

    [Fact]
    public async Task Published_message_carries_its_id_as_the_amqp_message_id_property()
    {
        var (channel, queue, connection) = await TapAsync();
        await using var tap = connection;
        await using var app = await MessagingApp.StartAsync(broker, MessagingApp.Orders(_destination, group: null));

        await app.Publisher.PublishAsync("orders", new OrderPlaced("o-1", 1), null, Token);

        var message = await Eventually.GetAsync(() => channel.BasicGetAsync(queue, autoAck: true, Token), Timeout, "the published message");
        Assert.True(Guid.TryParse(message.BasicProperties.MessageId, out _), $"message-id '{message.BasicProperties.MessageId}'");
        Assert.Equal(_destination, message.RoutingKey);
    }

    [Fact]
    public async Task Partitioned_message_is_routed_to_destination_dash_partition_without_the_partition_header()
    {
        var (channel, queue, connection) = await TapAsync();
        await using var tap = connection;
        var settings = MessagingApp.Orders(_destination, group: null);
        settings["Stratus:Messaging:Bindings:orders:PartitionCount"] = "2";
        settings["Stratus:Messaging:Bindings:orders:PartitionKeyExpression"] = "payload.orderId";
        await using var app = await MessagingApp.StartAsync(broker, settings);

        // Java: "c-1".hashCode() == 96583, odd, so partition 1 of 2.
        await app.Publisher.PublishAsync("orders", new OrderPlaced("c-1", 1), null, Token);

        var message = await Eventually.GetAsync(() => channel.BasicGetAsync(queue, autoAck: true, Token), Timeout, "the published message");
        Assert.Equal($"{_destination}-1", message.RoutingKey);
        // Spring's Rabbit binder routes by the partition and keeps scst_partition off the wire (header pattern !scst_partition).
        Assert.False(message.BasicProperties.Headers?.ContainsKey(MessageHeaders.Partition) ?? false);
        Assert.Equal("application/json", RabbitMqBinderTests.Header(message, MessageHeaders.ContentType));
    }

    // A raw server-named queue bound to the destination with '#': it sees every message, whatever its routing key.
    private async Task<(IChannel Channel, string Queue, IConnection Connection)> TapAsync()
    {
        var connection = await broker.ConnectAsync();
        var channel = await connection.CreateChannelAsync(cancellationToken: Token);
        await channel.ExchangeDeclareAsync(_destination, ExchangeType.Topic, durable: true, cancellationToken: Token);
        var queue = (await channel.QueueDeclareAsync(cancellationToken: Token)).QueueName;
        await channel.QueueBindAsync(queue, _destination, "#", cancellationToken: Token);
        return (channel, queue, connection);
    }
}
