using System.Collections.Concurrent;
using System.Text;
using RabbitMQ.Client;
using Stratus.Messaging.Tests.Support;

namespace Stratus.Messaging.Tests.RabbitMQ;

public sealed class RabbitMqBinderTests(RabbitMqBroker broker)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly string _destination = "orders-" + Guid.NewGuid().ToString("N")[..8];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Published_message_is_confirmed_and_consumed()
    {
        var received = new TaskCompletionSource<OrderPlaced>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = await MessagingApp.StartAsync(broker, MessagingApp.Orders(_destination, "billing"),
            m => m.AddConsumer<OrderPlaced>("orders", (order, _) => { received.TrySetResult(order); return Task.CompletedTask; }));

        await app.Publisher.PublishAsync("orders", new OrderPlaced("o-1", 3), null, Token);

        Assert.Equal(new OrderPlaced("o-1", 3), await received.Task.WaitAsync(Timeout, Token));
    }

    [Fact]
    public async Task Two_consumers_in_one_group_handle_each_message_once_in_total()
    {
        var handled = new ConcurrentBag<(int Consumer, string OrderId)>();
        Action<StratusMessagingBuilder> consumer(int id) => m => m.AddConsumer<OrderPlaced>("orders", (order, _) =>
        {
            handled.Add((id, order.OrderId));
            return Task.CompletedTask;
        });
        await using var first = await MessagingApp.StartAsync(broker, MessagingApp.Orders(_destination, "billing"), consumer(1));
        await using var second = await MessagingApp.StartAsync(broker, MessagingApp.Orders(_destination, "billing"), consumer(2));

        // Concurrent publishes share one confirming channel; each completes on its own confirm.
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => first.Publisher.PublishAsync("orders", new OrderPlaced($"o-{i}", i), null, Token)));

        await Eventually.TrueAsync(() => Task.FromResult(handled.Count >= 20), Timeout, "20 handled messages");
        await Eventually.TrueAsync(async () => await broker.QueueCountsAsync($"{_destination}.billing") == (0, 0), Timeout, "an empty queue");
        Assert.Equal(20, handled.Count);
        Assert.Equal(20, handled.Select(h => h.OrderId).Distinct().Count());
        Assert.Contains(handled, h => h.Consumer == 1);
        Assert.Contains(handled, h => h.Consumer == 2);
    }

    [Fact]
    public async Task Each_group_receives_every_message()
    {
        var billing = new ConcurrentBag<string>();
        var shipping = new ConcurrentBag<string>();
        await using var first = await MessagingApp.StartAsync(broker, MessagingApp.Orders(_destination, "billing"),
            m => m.AddConsumer<OrderPlaced>("orders", (order, _) => { billing.Add(order.OrderId); return Task.CompletedTask; }));
        await using var second = await MessagingApp.StartAsync(broker, MessagingApp.Orders(_destination, "shipping"),
            m => m.AddConsumer<OrderPlaced>("orders", (order, _) => { shipping.Add(order.OrderId); return Task.CompletedTask; }));

        for (var i = 0; i < 5; i++)
        {
            await first.Publisher.PublishAsync("orders", new OrderPlaced($"o-{i}", i), null, Token);
        }

        await Eventually.TrueAsync(() => Task.FromResult(billing.Count == 5 && shipping.Count == 5), Timeout, "5 messages in each group");
        Assert.Equal(billing.Order(), shipping.Order());
    }

    [Fact]
    public async Task Handler_failing_twice_succeeds_on_third_attempt_and_is_acknowledged()
    {
        var attempts = 0;
        var succeeded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = await MessagingApp.StartAsync(broker, MessagingApp.Orders(_destination, "billing"),
            m => m.AddConsumer<OrderPlaced>("orders", (_, _) =>
            {
                if (Interlocked.Increment(ref attempts) < 3)
                {
                    throw new InvalidOperationException("transient");
                }

                succeeded.TrySetResult();
                return Task.CompletedTask;
            }));

        await app.Publisher.PublishAsync("orders", new OrderPlaced("o-1", 1), null, Token);

        await succeeded.Task.WaitAsync(Timeout, Token);
        await Eventually.TrueAsync(async () => await broker.QueueCountsAsync($"{_destination}.billing") == (0, 0), Timeout, "the message acknowledged");
        Assert.Equal(3, attempts);
        Assert.Equal((0, 0), await broker.QueueCountsAsync($"{_destination}.billing.dlq"));
    }

    [Fact]
    public async Task Handler_always_failing_sends_message_to_dlq_with_failure_headers()
    {
        var attempts = 0;
        await using var app = await MessagingApp.StartAsync(broker, MessagingApp.Orders(_destination, "billing"),
            m => m.AddConsumer<OrderPlaced>("orders", (_, _) =>
            {
                Interlocked.Increment(ref attempts);
                throw new InvalidOperationException("card declined");
            }));

        await app.Publisher.PublishAsync("orders", new OrderPlaced("o-1", 1), null, Token);

        var dead = await GetDeadLetterAsync($"{_destination}.billing.dlq");
        Assert.Equal(3, attempts);
        Assert.Equal("card declined", Header(dead, "x-exception-message"));
        Assert.Equal(_destination, Header(dead, "x-original-exchange"));
        Assert.Equal(_destination, Header(dead, "x-original-routingKey"));
        Assert.Contains("InvalidOperationException", Header(dead, "x-exception-stacktrace"), StringComparison.Ordinal);
        Assert.Equal("application/json", Header(dead, "contentType"));
        Assert.Contains("\"orderId\":\"o-1\"", Encoding.UTF8.GetString(dead.Body.Span), StringComparison.Ordinal);
        await Eventually.TrueAsync(async () => await broker.QueueCountsAsync($"{_destination}.billing") == (0, 0), Timeout, "the main queue drained");
    }

    [Fact]
    public async Task Malformed_json_goes_to_dlq_at_once_and_next_message_is_handled()
    {
        var handled = new ConcurrentQueue<string>();
        await using var app = await MessagingApp.StartAsync(broker, MessagingApp.Orders(_destination, "billing"),
            m => m.AddConsumer<OrderPlaced>("orders", (order, _) => { handled.Enqueue(order.OrderId); return Task.CompletedTask; }));
        await using (var connection = await broker.ConnectAsync())
        await using (var channel = await connection.CreateChannelAsync(cancellationToken: Token))
        {
            var properties = new BasicProperties { ContentType = "application/json" };
            await channel.BasicPublishAsync(_destination, _destination, false, properties, "{\"orderId\": oops"u8.ToArray(), Token);
        }

        await app.Publisher.PublishAsync("orders", new OrderPlaced("good", 1), null, Token);

        await Eventually.TrueAsync(() => Task.FromResult(handled.Contains("good")), Timeout, "the good message handled");
        var dead = await GetDeadLetterAsync($"{_destination}.billing.dlq");
        Assert.StartsWith("Cannot convert the payload to OrderPlaced", Header(dead, "x-exception-message"), StringComparison.Ordinal);
        Assert.Equal("{\"orderId\": oops", Encoding.UTF8.GetString(dead.Body.Span));
        Assert.Equal(["good"], handled);
    }

    [Fact]
    public async Task Group_queue_and_dlq_follow_spring_layout()
    {
        await using var app = await MessagingApp.StartAsync(broker, MessagingApp.Orders(_destination, "billing"),
            m => m.AddConsumer<OrderPlaced>("orders", (_, _) => Task.CompletedTask));
        await using var connection = await broker.ConnectAsync();
        await using var channel = await connection.CreateChannelAsync(cancellationToken: Token);

        // Passive declarations fail (and close the channel) when the entity is missing.
        await channel.ExchangeDeclarePassiveAsync(_destination, Token);
        await channel.ExchangeDeclarePassiveAsync("DLX", Token);
        await channel.QueueDeclarePassiveAsync($"{_destination}.billing", Token);
        await channel.QueueDeclarePassiveAsync($"{_destination}.billing.dlq", Token);
        // Redeclaring with Spring's arguments succeeds only when ours match them exactly (else PRECONDITION_FAILED).
        await channel.QueueDeclareAsync($"{_destination}.billing", durable: true, exclusive: false, autoDelete: false,
            new Dictionary<string, object?> { ["x-dead-letter-exchange"] = "DLX", ["x-dead-letter-routing-key"] = $"{_destination}.billing" }, cancellationToken: Token);
    }

    private async Task<BasicGetResult> GetDeadLetterAsync(string queue)
    {
        await using var connection = await broker.ConnectAsync();
        await using var channel = await connection.CreateChannelAsync(cancellationToken: Token);
        return await Eventually.GetAsync(() => channel.BasicGetAsync(queue, autoAck: true, Token), Timeout, $"a message in {queue}");
    }

    internal static string? Header(BasicGetResult message, string name) =>
        message.BasicProperties.Headers is { } headers && headers.TryGetValue(name, out var value)
            ? value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : value?.ToString()
            : null;
}
