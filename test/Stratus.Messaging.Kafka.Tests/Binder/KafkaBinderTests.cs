using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Stratus.Messaging.Binding;
using Stratus.Messaging.Kafka.Binder;
using Stratus.Messaging.Kafka.Tests.Support;
using Stratus.Messaging.Tests.Support;

namespace Stratus.Messaging.Kafka.Tests.Binder;

public sealed class KafkaBinderTests(KafkaCluster cluster)
{
    // The mock cluster's group joins and rebalances take seconds; these are deadlines, not expectations.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly string _destination = "orders-" + Guid.NewGuid().ToString("N")[..8];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Published_message_is_delivered_and_consumed()
    {
        var received = new TaskCompletionSource<OrderPlaced>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = await MessagingApp.StartAsync(cluster, MessagingApp.Orders(_destination, "billing"),
            m => m.AddConsumer<OrderPlaced>("orders", (order, _) => { received.TrySetResult(order); return Task.CompletedTask; }));

        // Completes on the delivery report, so the record is already in the log.
        await app.Publisher.PublishAsync("orders", new OrderPlaced("o-1", 3), null, Token);
        Assert.Single(await cluster.ReadAsync(_destination, 1, Timeout));

        Assert.Equal(new OrderPlaced("o-1", 3), await received.Task.WaitAsync(Timeout, Token));
    }

    [Fact]
    public async Task Two_consumers_in_one_group_share_the_messages_each_handled_once()
    {
        var handled = new ConcurrentBag<(int Consumer, string OrderId)>();
        Action<StratusMessagingBuilder> consumer(int id) => m => m.AddConsumer<OrderPlaced>("orders", (order, _) =>
        {
            handled.Add((id, order.OrderId));
            return Task.CompletedTask;
        });
        await using var first = await MessagingApp.StartAsync(cluster, MessagingApp.Orders(_destination, "billing"), consumer(1));
        await using var second = await MessagingApp.StartAsync(cluster, MessagingApp.Orders(_destination, "billing"), consumer(2));

        // Warm up until the group has settled with partitions on both members: a rebalance can redeliver a record whose
        // commit it interrupted (at least once), so only the messages published after that are counted.
        var warmUp = 0;
        await Eventually.TrueAsync(async () =>
        {
            await first.Publisher.PublishAsync("orders", new OrderPlaced($"w-{warmUp++}", 0), null, Token);
            await Task.Delay(200, Token);
            return handled.Any(h => h.Consumer == 1) && handled.Any(h => h.Consumer == 2);
        }, Timeout, "both group members handling messages");

        for (var i = 0; i < 20; i++)
        {
            await first.Publisher.PublishAsync("orders", new OrderPlaced($"o-{i}", i), null, Token);
        }

        List<string> Counted() => [.. handled.Where(h => h.OrderId.StartsWith("o-", StringComparison.Ordinal)).Select(h => h.OrderId)];
        await Eventually.TrueAsync(() => Task.FromResult(Counted().Count >= 20), Timeout, "20 handled messages");
        await Task.Delay(500, Token);
        Assert.Equal(20, Counted().Count);
        Assert.Equal(20, Counted().Distinct().Count());
    }

    [Fact]
    public async Task Each_group_receives_every_message()
    {
        var billing = new ConcurrentBag<string>();
        var shipping = new ConcurrentBag<string>();
        await using var first = await MessagingApp.StartAsync(cluster, MessagingApp.Orders(_destination, "billing"),
            m => m.AddConsumer<OrderPlaced>("orders", (order, _) => { billing.Add(order.OrderId); return Task.CompletedTask; }));
        await using var second = await MessagingApp.StartAsync(cluster, MessagingApp.Orders(_destination, "shipping"),
            m => m.AddConsumer<OrderPlaced>("orders", (order, _) => { shipping.Add(order.OrderId); return Task.CompletedTask; }));

        for (var i = 0; i < 5; i++)
        {
            await first.Publisher.PublishAsync("orders", new OrderPlaced($"o-{i}", i), null, Token);
        }

        await Eventually.TrueAsync(() => Task.FromResult(billing.Count >= 5 && shipping.Count >= 5), Timeout, "5 messages in each group");
        Assert.Equal(["o-0", "o-1", "o-2", "o-3", "o-4"], billing.Order());
        Assert.Equal(["o-0", "o-1", "o-2", "o-3", "o-4"], shipping.Order());
    }

    [Fact]
    public async Task Handler_failing_every_attempt_sends_the_message_to_the_error_topic_with_springs_headers()
    {
        var attempts = 0;
        await using var app = await MessagingApp.StartAsync(cluster, MessagingApp.Orders(_destination, "billing"),
            m => m.AddConsumer<OrderPlaced>("orders", (_, _) =>
            {
                Interlocked.Increment(ref attempts);
                throw new InvalidOperationException("payment service down");
            }));

        await app.Publisher.PublishAsync("orders", new OrderPlaced("o-7", 1), null, Token);
        var original = Assert.Single(await cluster.ReadAsync(_destination, 1, Timeout));

        var dead = Assert.Single(await cluster.ReadAsync($"error.{_destination}.billing", 1, Timeout));
        Assert.Equal(3, attempts);
        Assert.Equal(original.Message.Value, dead.Message.Value);
        Assert.Equal(_destination, Text(dead, "x-original-topic"));
        Assert.Equal(original.Partition.Value, BinaryPrimitives.ReadInt32BigEndian(Bytes(dead, "x-original-partition")));
        Assert.Equal(original.Offset.Value, BinaryPrimitives.ReadInt64BigEndian(Bytes(dead, "x-original-offset")));
        Assert.Equal(original.Message.Timestamp.UnixTimestampMs, BinaryPrimitives.ReadInt64BigEndian(Bytes(dead, "x-original-timestamp")));
        Assert.Equal("System.InvalidOperationException", Text(dead, "x-exception-fqcn"));
        Assert.Equal("payment service down", Text(dead, "x-exception-message"));
        Assert.Contains("payment service down", Text(dead, "x-exception-stacktrace"), StringComparison.Ordinal);
        Assert.Equal("application/json", Text(dead, "contentType"));
    }

    [Fact]
    public async Task Malformed_json_is_dead_lettered_at_once_and_the_next_message_is_handled()
    {
        var attempts = 0;
        var received = new TaskCompletionSource<OrderPlaced>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = await MessagingApp.StartAsync(cluster, MessagingApp.Orders(_destination, "billing"),
            m => m.AddConsumer<OrderPlaced>("orders", (order, _) =>
            {
                Interlocked.Increment(ref attempts);
                received.TrySetResult(order);
                return Task.CompletedTask;
            }));

        using (var producer = new ProducerBuilder<byte[]?, byte[]?>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers }).Build())
        {
            var headers = new Headers { { "contentType", "application/json"u8.ToArray() } };
            await producer.ProduceAsync(_destination, new Message<byte[]?, byte[]?> { Value = "{not json"u8.ToArray(), Headers = headers }, Token);
        }

        await app.Publisher.PublishAsync("orders", new OrderPlaced("o-8", 2), null, Token);

        Assert.Equal(new OrderPlaced("o-8", 2), await received.Task.WaitAsync(Timeout, Token));
        var dead = Assert.Single(await cluster.ReadAsync($"error.{_destination}.billing", 1, Timeout));
        Assert.Equal("{not json", Encoding.UTF8.GetString(dead.Message.Value!));
        Assert.Contains("Cannot convert the payload to OrderPlaced", Text(dead, "x-exception-message"), StringComparison.Ordinal);
        Assert.EndsWith("MessageConversionException", Text(dead, "x-exception-fqcn"), StringComparison.Ordinal);
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task Consumed_message_carries_the_decoded_headers_the_message_id_and_the_partition()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(cluster.BinderSettings()).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddStratusMessaging(configuration).AddKafkaBinder(configuration);
        await using var provider = services.BuildServiceProvider();
        var binder = provider.GetRequiredService<KafkaBinder>();
        var received = new TaskCompletionSource<InboundMessage>(TaskCreationOptions.RunContinuationsAsynchronously);

        await using (await binder.BindConsumerAsync(new ConsumerBinding("orders", _destination, "billing", 1), (message, _) =>
        {
            // The body is only valid during the handler.
            received.TrySetResult(message with { Body = message.Body.ToArray() });
            return Task.CompletedTask;
        }, Token))
        {
            var headers = new Dictionary<string, object?>
            {
                ["contentType"] = "application/json",
                ["scst_partition"] = 2,
                ["tenant"] = "acme",
                ["traceparent"] = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
            };
            await binder.PublishAsync(_destination, new OutboundMessage("{\"orderId\":\"o-1\"}"u8.ToArray(), "application/json", headers)
            {
                MessageId = "5b0c3f1e-message",
                Partition = 2,
                Key = "customer-a",
            }, Token);

            var message = await received.Task.WaitAsync(Timeout, Token);
            Assert.Equal("5b0c3f1e-message", message.MessageId);
            Assert.Equal(2, message.Partition);
            Assert.Equal("{\"orderId\":\"o-1\"}"u8.ToArray(), message.Body.ToArray());
            Assert.Equal(headers.OrderBy(h => h.Key, StringComparer.Ordinal), message.Headers.OrderBy(h => h.Key, StringComparer.Ordinal));
        }

        var record = Assert.Single(await cluster.ReadAsync(_destination, 1, Timeout));
        Assert.Equal(2, record.Partition.Value);
        Assert.Equal("customer-a"u8.ToArray(), record.Message.Key);
    }

    private static byte[] Bytes(ConsumeResult<byte[]?, byte[]?> record, string header) => record.Message.Headers.GetLastBytes(header);

    private static string Text(ConsumeResult<byte[]?, byte[]?> record, string header) => Encoding.UTF8.GetString(Bytes(record, header));
}
