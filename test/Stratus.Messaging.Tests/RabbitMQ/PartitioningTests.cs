using System.Collections.Concurrent;
using RabbitMQ.Client;
using Stratus.Messaging.Tests.Support;

namespace Stratus.Messaging.Tests.RabbitMQ;

/// <summary>Partitioned producers and consumers in Spring Cloud Stream's Rabbit layout, on the real node.</summary>
public sealed class PartitioningTests(RabbitMqBroker broker)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    // Partitions Spring Cloud Stream picks with 2 partitions, computed in jshell (Java 17) with
    //   int h = key.hashCode(); int s = h == Integer.MIN_VALUE ? 0 : Math.abs(h); Math.abs(s % 2)
    // (PartitionHandler with its DefaultPartitionSelector). Hash codes: c-1 96583, c-2 96584, c-3 96585, c-4 96586,
    // echo 3107365, foxtrot -671677902, polygenelubricants -2147483648 (Integer.MIN_VALUE), "z\u00fcrich-\ud83d\ude00" 834036210.
    public static readonly TheoryData<string, int> SpringPartitions = new()
    {
        { "c-1", 1 },
        { "c-2", 0 },
        { "c-3", 1 },
        { "c-4", 0 },
        { "echo", 1 },
        { "foxtrot", 0 },
        { "polygenelubricants", 0 },
        { "zürich-😀", 0 },
    };

    private readonly string _destination = "parts-" + Guid.NewGuid().ToString("N")[..8];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(SpringPartitions))]
    public void Written_out_java_formula_agrees_with_jshell(string key, int partition) =>
        Assert.Equal(partition, JavaPartition(key, 2));

    [Fact]
    public async Task Each_key_reaches_the_one_instance_reading_the_partition_spring_selects()
    {
        var handled = new ConcurrentQueue<(int Instance, string Key)>();
        await using var first = await StartConsumerAsync(0, handled);
        await using var second = await StartConsumerAsync(1, handled);
        var producerSettings = new Dictionary<string, string?>
        {
            ["Stratus:Messaging:Bindings:orders:Destination"] = _destination,
            ["Stratus:Messaging:Bindings:orders:PartitionCount"] = "2",
            ["Stratus:Messaging:Bindings:orders:PartitionKeyExpression"] = "payload.orderId",
        };
        await using var producer = await MessagingApp.StartAsync(broker, producerSettings);
        var keys = SpringPartitions.Select(row => row.Data.Item1).ToList();

        for (var round = 0; round < 3; round++)
        {
            foreach (var key in keys)
            {
                await producer.Publisher.PublishAsync("orders", new OrderPlaced(key, round), null, Token);
            }
        }

        await Eventually.TrueAsync(() => Task.FromResult(handled.Count >= keys.Count * 3), Timeout, $"{keys.Count * 3} handled messages");
        await Eventually.TrueAsync(async () => (await broker.QueuesAsync($"{_destination}.billing-")).Values.Count(q => q is { Ready: 0, Unacknowledged: 0 }) == 2,
            Timeout, "both partition queues drained");
        Assert.Equal(keys.Count * 3, handled.Count);
        foreach (var key in keys)
        {
            var instances = handled.Where(h => h.Key == key).Select(h => h.Instance).ToList();
            Assert.Equal(3, instances.Count);
            Assert.All(instances, instance => Assert.Equal(JavaPartition(key, 2), instance));
        }
    }

    [Fact]
    public async Task Partition_queues_share_one_dlq_in_spring_layout()
    {
        await using var first = await StartConsumerAsync(0, new ConcurrentQueue<(int, string)>());
        await using var second = await StartConsumerAsync(1, new ConcurrentQueue<(int, string)>());
        var group = $"{_destination}.billing";

        var bindings = await broker.BindingsAsync(_destination);

        Assert.Contains((_destination, $"{group}-0", $"{_destination}-0"), bindings);
        Assert.Contains((_destination, $"{group}-1", $"{_destination}-1"), bindings);
        // Spring's autoBindDLQ binds its one DLQ with each partition queue's name and, for republishToDlq, the group's.
        Assert.Contains(("DLX", $"{group}.dlq", $"{group}-0"), bindings);
        Assert.Contains(("DLX", $"{group}.dlq", $"{group}-1"), bindings);
        Assert.Contains(("DLX", $"{group}.dlq", group), bindings);
        Assert.DoesNotContain(bindings, b => b.Destination == group || b.Destination.EndsWith("-0.dlq", StringComparison.Ordinal));
        await using var connection = await broker.ConnectAsync();
        await using var channel = await connection.CreateChannelAsync(cancellationToken: Token);
        // Redeclaring with Spring's arguments succeeds only when ours match them exactly (else PRECONDITION_FAILED).
        await channel.QueueDeclareAsync($"{group}-1", durable: true, exclusive: false, autoDelete: false,
            new Dictionary<string, object?> { ["x-dead-letter-exchange"] = "DLX", ["x-dead-letter-routing-key"] = $"{group}-1" }, cancellationToken: Token);
    }

    [Fact]
    public async Task Failed_message_of_a_partition_is_republished_to_the_shared_dlq()
    {
        var settings = ConsumerSettings(1);
        settings["Stratus:Messaging:Bindings:orders:MaxAttempts"] = "1";
        await using var consumer = await MessagingApp.StartAsync(broker, settings,
            m => m.AddConsumer<OrderPlaced>("orders", (_, _) => throw new InvalidOperationException("partition one refuses")));
        await using var connection = await broker.ConnectAsync();
        await using var channel = await connection.CreateChannelAsync(cancellationToken: Token);

        await channel.BasicPublishAsync(_destination, $"{_destination}-1", false, new BasicProperties(), "{\"orderId\":\"c-1\",\"quantity\":1}"u8.ToArray(), Token);

        var dead = await Eventually.GetAsync(() => channel.BasicGetAsync($"{_destination}.billing.dlq", autoAck: true, Token), Timeout, "the dead letter");
        Assert.Equal($"{_destination}.billing-1", dead.RoutingKey);
        Assert.Equal("partition one refuses", RabbitMqBinderTests.Header(dead, "x-exception-message"));
        Assert.Equal($"{_destination}-1", RabbitMqBinderTests.Header(dead, "x-original-routingKey"));
    }

    [Fact]
    public async Task Partitioned_consumer_without_a_group_fails_start_as_in_spring()
    {
        var settings = ConsumerSettings(0);
        settings["Stratus:Messaging:Bindings:orders:Group"] = null;

        // Refused by the core's options validation before any binder runs.
        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            MessagingApp.StartAsync(broker, settings, m => m.AddConsumer<OrderPlaced>("orders", (_, _) => Task.CompletedTask)));

        Assert.Contains("Stratus:Messaging:Bindings:orders:Group is required when Partitioned is true", error.Message, StringComparison.Ordinal);
    }

    // java.lang.String.hashCode over UTF-16 code units with int overflow, then Spring's selector, written out independently of the core.
    private static int JavaPartition(string key, int partitionCount)
    {
        var hash = 0;
        foreach (var unit in key)
        {
            hash = unchecked((31 * hash) + unit);
        }

        var selected = hash == int.MinValue ? 0 : Math.Abs(hash);
        return Math.Abs(selected % partitionCount);
    }

    private Dictionary<string, string?> ConsumerSettings(int index)
    {
        var settings = MessagingApp.Orders(_destination, "billing");
        settings["Stratus:Messaging:Bindings:orders:Partitioned"] = "true";
        settings["Stratus:Messaging:Bindings:orders:InstanceIndex"] = index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Stratus:Messaging:Bindings:orders:InstanceCount"] = "2";
        return settings;
    }

    private Task<MessagingApp> StartConsumerAsync(int index, ConcurrentQueue<(int Instance, string Key)> handled) =>
        MessagingApp.StartAsync(broker, ConsumerSettings(index), m => m.AddConsumer<OrderPlaced>("orders", (order, _) =>
        {
            handled.Enqueue((index, order.OrderId));
            return Task.CompletedTask;
        }));
}
