using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Stratus.Messaging.Kafka.Tests.Support;
using Stratus.Messaging.Tests.Support;

namespace Stratus.Messaging.Kafka.Tests.Binder;

/// <summary>Partitioned producers and consumers on the mock cluster, whose auto-created topics have 4 partitions.</summary>
public sealed class KafkaPartitioningTests(KafkaCluster cluster)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    // Spring's default selector, computed in jshell (Java 17) rather than with the code under test:
    // int h = "customer-a".hashCode(); Math.abs((h == Integer.MIN_VALUE ? 0 : Math.abs(h)) % 4)
    // "customer-a".hashCode() = -1581185486 -> 2, "customer-b" = -1581185485 -> 1,
    // "customer-c" = -1581185484 -> 0, "customer-d" = -1581185483 -> 3; "customer-e".."customer-h" repeat 2, 1, 0, 3.
    private static readonly Dictionary<string, int> SpringPartition = new(StringComparer.Ordinal)
    {
        ["customer-a"] = 2, ["customer-b"] = 1, ["customer-c"] = 0, ["customer-d"] = 3,
        ["customer-e"] = 2, ["customer-f"] = 1, ["customer-g"] = 0, ["customer-h"] = 3,
    };

    private readonly string _destination = "orders-" + Guid.NewGuid().ToString("N")[..8];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Records_of_one_key_land_in_the_partition_springs_selector_picks_with_the_key_and_scst_partition()
    {
        await using var app = await MessagingApp.StartAsync(cluster, Partitioned(null));
        string[] keys = ["customer-a", "customer-b", "customer-c", "customer-d", "customer-a", "customer-d"];
        foreach (var key in keys)
        {
            await app.Publisher.PublishAsync("orders", new OrderPlaced(key, 1), null, Token);
        }

        var records = await cluster.ReadAsync(_destination, keys.Length, Timeout);

        Assert.Equal(keys.Length, records.Count);
        Assert.All(records, record =>
        {
            var key = Encoding.UTF8.GetString(record.Message.Key!);
            Assert.Equal(SpringPartition[key], record.Partition.Value);
            Assert.Equal(Encoding.ASCII.GetBytes(SpringPartition[key].ToString(System.Globalization.CultureInfo.InvariantCulture)), record.Message.Headers.GetLastBytes("scst_partition"));
            using var types = JsonDocument.Parse(record.Message.Headers.GetLastBytes("spring_json_header_types"));
            Assert.Equal("java.lang.Integer", types.RootElement.GetProperty("scst_partition").GetString());
            Assert.Equal("java.lang.String", types.RootElement.GetProperty("stratus_messageId").GetString());
        });
        Assert.Equal([0, 1, 2, 3], records.Select(r => r.Partition.Value).Distinct().Order());
    }

    [Fact]
    public async Task A_topic_with_more_partitions_than_configured_is_selected_among_all_of_them_as_spring_does()
    {
        // PartitionCount 2, but the topic has 4: Spring's Kafka binder raises the count to the topic's, and so do we.
        var settings = Partitioned(null);
        settings["Stratus:Messaging:Bindings:orders:PartitionCount"] = "2";
        await using var app = await MessagingApp.StartAsync(cluster, settings);
        string[] keys = ["customer-a", "customer-b", "customer-c", "customer-d"];
        foreach (var key in keys)
        {
            await app.Publisher.PublishAsync("orders", new OrderPlaced(key, 1), null, Token);
        }

        var records = await cluster.ReadAsync(_destination, keys.Length, Timeout);

        Assert.All(records, record => Assert.Equal(SpringPartition[Encoding.UTF8.GetString(record.Message.Key!)], record.Partition.Value));
    }

    [Fact]
    public async Task Consumers_without_auto_rebalance_each_read_only_their_share_of_the_partitions()
    {
        var handled = new ConcurrentBag<(int Instance, string Key)>();
        Task<MessagingApp> Instance(int index) => MessagingApp.StartAsync(cluster, Partitioned("billing", index),
            m => m.AddConsumer<OrderPlaced>("orders", (order, _) => { handled.Add((index, order.OrderId)); return Task.CompletedTask; }));
        await using var first = await Instance(0);
        await using var second = await Instance(1);

        foreach (var key in SpringPartition.Keys)
        {
            await first.Publisher.PublishAsync("orders", new OrderPlaced(key, 1), null, Token);
        }

        await Eventually.TrueAsync(() => Task.FromResult(handled.Count >= 8), Timeout, "8 handled messages");
        // Nothing more may arrive: with manual assignment there is no rebalance to redeliver anything.
        await Task.Delay(500, Token);
        Assert.Equal(["customer-a", "customer-c", "customer-e", "customer-g"], handled.Where(h => h.Instance == 0).Select(h => h.Key).Order());
        Assert.Equal(["customer-b", "customer-d", "customer-f", "customer-h"], handled.Where(h => h.Instance == 1).Select(h => h.Key).Order());
    }

    [Theory]
    [InlineData(null)]
    [InlineData(1)]
    public async Task Dead_letters_go_to_the_partition_they_came_from_or_to_0_with_one_dlq_partition(int? dlqPartitions)
    {
        var settings = Partitioned("billing", 0);
        settings["Stratus:Messaging:Bindings:orders:InstanceCount"] = "1";
        settings["Stratus:Messaging:Bindings:orders:MaxAttempts"] = "1";
        settings["Stratus:Messaging:Kafka:Bindings:orders:DlqPartitions"] = dlqPartitions?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var app = await MessagingApp.StartAsync(cluster, settings,
            m => m.AddConsumer<OrderPlaced>("orders", (_, _) => throw new InvalidOperationException("payment service down")));

        // librdkafka's own partitioner would put these keys (CRC32 % 4) on partitions 3 and 2.
        await app.Publisher.PublishAsync("orders", new OrderPlaced("customer-b", 1), null, Token);
        await app.Publisher.PublishAsync("orders", new OrderPlaced("customer-d", 1), null, Token);

        var dead = await cluster.ReadAsync($"error.{_destination}.billing", 2, Timeout);
        Assert.Equal(2, dead.Count);
        Assert.All(dead, record =>
        {
            var original = SpringPartition[Encoding.UTF8.GetString(record.Message.Key!)];
            Assert.Equal(original, BinaryPrimitives.ReadInt32BigEndian(record.Message.Headers.GetLastBytes("x-original-partition")));
            Assert.Equal(dlqPartitions == 1 ? 0 : original, record.Partition.Value);
        });
    }

    [Fact]
    public async Task A_consumer_without_auto_rebalance_needs_as_many_partitions_as_instances()
    {
        var settings = Partitioned("billing", 0);
        settings["Stratus:Messaging:Bindings:orders:InstanceCount"] = "5";

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => MessagingApp.StartAsync(cluster, settings,
            m => m.AddConsumer<OrderPlaced>("orders", (_, _) => Task.CompletedTask)));

        Assert.Contains($"topic '{_destination}' without auto-rebalance as instance 0 of 5, but the topic has only 4 partitions", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publishing_to_a_partition_the_topic_lacks_fails_naming_the_topic_and_partition()
    {
        var settings = Partitioned(null);
        settings["Stratus:Messaging:Bindings:orders:PartitionCount"] = "8";
        await using var app = await MessagingApp.StartAsync(cluster, settings);

        // jshell: "customer-a".hashCode() % 8 selects partition 6; the mock's topic has 4.
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => app.Publisher.PublishAsync("orders", new OrderPlaced("customer-a", 1), null, Token));

        Assert.StartsWith($"Topic '{_destination}' has no partition 6: it has fewer partitions than the binding's PartitionCount.", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>The <c>orders</c> binding on a 4-partition destination keyed by order id; with a group, instance <paramref name="index"/> of 2 without auto-rebalance.</summary>
    private Dictionary<string, string?> Partitioned(string? group, int index = 0)
    {
        var settings = MessagingApp.Orders(_destination, group);
        settings["Stratus:Messaging:Bindings:orders:PartitionCount"] = "4";
        settings["Stratus:Messaging:Bindings:orders:PartitionKeyExpression"] = "payload.orderId";
        if (group is not null)
        {
            settings["Stratus:Messaging:Bindings:orders:Partitioned"] = "true";
            settings["Stratus:Messaging:Bindings:orders:InstanceCount"] = "2";
            settings["Stratus:Messaging:Bindings:orders:InstanceIndex"] = index.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings["Stratus:Messaging:Kafka:Bindings:orders:AutoRebalanceEnabled"] = "false";
        }

        return settings;
    }
}
