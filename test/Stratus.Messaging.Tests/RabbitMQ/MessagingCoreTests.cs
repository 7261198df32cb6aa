using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using RabbitMQ.Client;
using Stratus.Gateway.Tests.Support;
using Stratus.Messaging.Tests.Support;

namespace Stratus.Messaging.Tests.RabbitMQ;

/// <summary>The core's features (headers, trace context, deduplication, suppliers) end to end through a real RabbitMQ node.</summary>
public sealed class MessagingCoreTests(RabbitMqBroker broker)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly string _destination = "core-" + Guid.NewGuid().ToString("N")[..8];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_message_consumer_sees_headers_and_the_message_id()
    {
        var received = new TaskCompletionSource<ReceivedMessage<OrderPlaced>>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = await MessagingApp.StartAsync(broker, MessagingApp.Orders(_destination, "billing"),
            m => m.AddMessageConsumer<OrderPlaced>("orders", (message, _) => { received.TrySetResult(message); return Task.CompletedTask; }));

        await app.Publisher.PublishAsync("orders", new OrderPlaced("o-1", 1), new Dictionary<string, object?> { ["tenant"] = "acme", ["attempt"] = 2 }, Token);

        var message = await received.Task.WaitAsync(Timeout, Token);
        Assert.Equal(new OrderPlaced("o-1", 1), message.Payload);
        Assert.Equal("acme", message.Headers["tenant"]);
        Assert.Equal(2, message.Headers["attempt"]);
        Assert.Equal("application/json", message.Headers[MessageHeaders.ContentType]);
        Assert.True(Guid.TryParse(message.MessageId, out _), $"message id '{message.MessageId}'");
    }

    [Fact]
    public async Task Payload_types_without_a_source_generated_context_are_read_by_reflection()
    {
        var received = new TaskCompletionSource<Unlisted>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = await MessagingApp.StartAsync(broker, MessagingApp.Orders(_destination, "billing"),
            m => m.AddConsumer<Unlisted>("orders", (payload, _) => { received.TrySetResult(payload); return Task.CompletedTask; }));

        await app.Publisher.PublishAsync("orders", new Unlisted("not in TestJsonContext", 7), null, Token);

        Assert.Equal(new Unlisted("not in TestJsonContext", 7), await received.Task.WaitAsync(Timeout, Token));
    }

    [Fact]
    public async Task The_trace_continues_from_the_publisher_to_the_consumer()
    {
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Stratus.Messaging" or "messaging-test",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        using var testSource = new ActivitySource("messaging-test");
        var handled = new TaskCompletionSource<(ActivityTraceId TraceId, ActivitySpanId ParentSpanId, ActivityKind Kind, string Traceparent)>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = await MessagingApp.StartAsync(broker, MessagingApp.Orders(_destination, "billing"),
            m => m.AddMessageConsumer<OrderPlaced>("orders", (message, _) =>
            {
                var current = Activity.Current!;
                handled.TrySetResult((current.TraceId, current.ParentSpanId, current.Kind, (string)message.Headers["traceparent"]!));
                return Task.CompletedTask;
            }));

        ActivityTraceId traceId;
        using (var request = testSource.StartActivity("incoming request", ActivityKind.Server)!)
        {
            traceId = request.TraceId;
            await app.Publisher.PublishAsync("orders", new OrderPlaced("o-2", 1), null, Token);
        }

        var consumer = await handled.Task.WaitAsync(Timeout, Token);
        Assert.Equal(traceId, consumer.TraceId);
        Assert.Equal(ActivityKind.Consumer, consumer.Kind);
        // The consumer's parent is the producer span, whose id is the traceparent's parent-id field.
        Assert.Equal($"00-{traceId}-{consumer.ParentSpanId}-01", consumer.Traceparent);
    }

    [Fact]
    public async Task An_idempotent_binding_handles_a_redelivered_message_id_once()
    {
        var handled = new ConcurrentBag<string>();
        var settings = MessagingApp.Orders(_destination, "billing");
        settings["Stratus:Messaging:Bindings:orders:Idempotent"] = "true";
        await using var app = await MessagingApp.StartAsync(broker, settings,
            m => m.AddConsumer<OrderPlaced>("orders", (order, _) => { handled.Add(order.OrderId); return Task.CompletedTask; }));

        // A publisher retrying after a lost confirm sends the same message id twice; so does a broker redelivery.
        await PublishRawAsync("same-id", """{"orderId":"o-3","quantity":1}""");
        await PublishRawAsync("same-id", """{"orderId":"o-3","quantity":1}""");
        await PublishRawAsync("other-id", """{"orderId":"o-4","quantity":1}""");

        await Eventually.TrueAsync(async () => await broker.QueueCountsAsync($"{_destination}.billing") == (0, 0) && handled.Count >= 2, Timeout, "all three acknowledged");
        Assert.Equal(["o-3", "o-4"], handled.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Redis_deduplication_is_shared_by_the_instances_of_a_group()
    {
        await using var redis = await RedisServer.StartAsync();
        var handled = new ConcurrentBag<(int Instance, string OrderId)>();
        var settings = MessagingApp.Orders(_destination, "billing");
        settings["Stratus:Messaging:Bindings:orders:Idempotent"] = "true";
        Action<StratusMessagingBuilder> instance(int id) => m => m.UseRedisDeduplication(redis.Configuration)
            .AddConsumer<OrderPlaced>("orders", (order, _) => { handled.Add((id, order.OrderId)); return Task.CompletedTask; });
        await using var first = await MessagingApp.StartAsync(broker, settings, instance(1));
        await using var second = await MessagingApp.StartAsync(broker, settings, instance(2));

        for (var i = 0; i < 10; i++)
        {
            // Each id twice: whichever instance gets the copy must skip it.
            await PublishRawAsync($"id-{i}", $$"""{"orderId":"o-{{i}}","quantity":1}""");
            await PublishRawAsync($"id-{i}", $$"""{"orderId":"o-{{i}}","quantity":1}""");
        }

        await Eventually.TrueAsync(async () => await broker.QueueCountsAsync($"{_destination}.billing") == (0, 0) && handled.Count >= 10, Timeout, "twenty acknowledged");
        Assert.Equal(10, handled.Count);
        Assert.Equal(10, handled.Select(h => h.OrderId).Distinct().Count());
    }

    [Fact]
    public async Task A_supplier_publishes_every_item_it_yields()
    {
        var received = new ConcurrentQueue<string>();
        await using var consumer = await MessagingApp.StartAsync(broker, MessagingApp.Orders(_destination, "audit"),
            m => m.AddConsumer<OrderPlaced>("orders", (order, _) => { received.Enqueue(order.OrderId); return Task.CompletedTask; }));
        await using var producer = await MessagingApp.StartAsync(broker, MessagingApp.Orders(_destination, null),
            m => m.AddSupplier("orders", (_, cancellationToken) => Orders(cancellationToken)));

        await Eventually.TrueAsync(() => Task.FromResult(received.Count >= 5), Timeout, "five supplied orders");
        Assert.Equal(["s-0", "s-1", "s-2", "s-3", "s-4"], received);

        static async IAsyncEnumerable<OrderPlaced> Orders([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            for (var i = 0; i < 5; i++)
            {
                await Task.Yield();
                cancellationToken.ThrowIfCancellationRequested();
                yield return new OrderPlaced($"s-{i}", i);
            }
        }
    }

    private async Task PublishRawAsync(string messageId, string json)
    {
        await using var connection = await broker.ConnectAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), Token);
        var properties = new BasicProperties { MessageId = messageId, ContentType = "application/json", DeliveryMode = DeliveryModes.Persistent };
        await channel.BasicPublishAsync(_destination, _destination, mandatory: false, properties, Encoding.UTF8.GetBytes(json), Token);
    }

    public sealed record Unlisted(string Name, int Count);
}
