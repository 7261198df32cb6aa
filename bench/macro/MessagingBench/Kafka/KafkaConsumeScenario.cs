using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Stratus.Bench.Messaging.Brokers;
using Stratus.Messaging;

namespace Stratus.Bench.Messaging.Kafka;

/// <summary>
/// Drains a backlog from a topic on the mock cluster with a consumer group, committing each record synchronously after
/// its handler (the binder's at-least-once semantics). Direct: a Confluent consumer with auto-commit and auto offset
/// store off, deserialising the same JSON, <c>Commit(record)</c> per record. Stratus: <c>AddConsumer&lt;OrderPlaced&gt;</c>
/// in a generic host with the Kafka binder. Both use the same consumer settings (the Kafka tests'). Each side has its
/// own topic and one consumer for all runs; a Stratus publisher fills both, so both read the records (and headers)
/// Stratus writes.
/// </summary>
internal sealed class KafkaConsumeScenario : IScenario
{
    private const string Binding = "orders";
    private const string DirectTopic = "bench-consume-direct";
    private const string StratusTopic = "bench-consume-stratus";
    private readonly KafkaMockCluster _cluster;
    private readonly OrderPlaced _order;
    private readonly IHost _filler;
    private readonly DrainSlot _directSlot = new();
    private readonly DrainSlot _stratusSlot = new();
    private readonly CancellationTokenSource _stopping = new();
    private IConsumer<byte[]?, byte[]?>? _directConsumer;
    private Task _directLoop = Task.CompletedTask;
    private IHost? _consumerHost;

    private KafkaConsumeScenario(KafkaMockCluster cluster, OrderPlaced order, IHost filler)
    {
        _cluster = cluster;
        _order = order;
        _filler = filler;
    }

    public string Name => "kafka-consume";

    public static async Task<KafkaConsumeScenario> CreateAsync(KafkaMockCluster cluster, OrderPlaced order)
    {
        var filler = await StratusApp.StartAsync(
            new Dictionary<string, string?>
            {
                ["Stratus:Messaging:Kafka:BootstrapServers"] = cluster.BootstrapServers,
                // The mock cluster has no CreateTopics; it creates a topic on first use.
                ["Stratus:Messaging:Kafka:AutoCreateTopics"] = "false",
            },
            (messaging, configuration) => messaging.AddKafkaBinder(configuration));
        var scenario = new KafkaConsumeScenario(cluster, order, filler);
        await scenario.StartConsumersAsync();
        return scenario;
    }

    public Task<RunTime> RunDirectAsync(int messages) => RunAsync(DirectTopic, _directSlot, messages);

    public Task<RunTime> RunStratusAsync(int messages) => RunAsync(StratusTopic, _stratusSlot, messages);

    public async ValueTask DisposeAsync()
    {
        if (_consumerHost is not null)
        {
            await StratusApp.StopAsync(_consumerHost);
        }

        await _stopping.CancelAsync();
        await _directLoop;
        _directConsumer?.Close();
        _directConsumer?.Dispose();
        _stopping.Dispose();
        await StratusApp.StopAsync(_filler);
    }

    private async Task StartConsumersAsync()
    {
        var config = new ConsumerConfig(KafkaMockCluster.ConsumerSettings.ToDictionary())
        {
            BootstrapServers = _cluster.BootstrapServers,
            GroupId = "bench-direct",
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
        };
        _directConsumer = new ConsumerBuilder<byte[]?, byte[]?>(config).Build();
        _directConsumer.Subscribe(DirectTopic);
        var consumer = _directConsumer;
        var token = _stopping.Token;
        // Like the binder's loop: a pool thread blocked in Consume, the handler awaited, then a synchronous commit.
        _directLoop = Task.Run(async () =>
        {
            while (!token.IsCancellationRequested)
            {
                ConsumeResult<byte[]?, byte[]?> record;
                try
                {
                    record = consumer.Consume(token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                catch (ConsumeException)
                {
                    // As the binder: the topic may not exist until the first fill creates it.
                    continue;
                }

                if (record is null || record.IsPartitionEOF)
                {
                    continue;
                }

                var drain = _directSlot.Current;
                await drain.EnterAsync();
                var payload = JsonSerializer.Deserialize(record.Message.Value, BenchJsonContext.Default.OrderPlaced);
                GC.KeepAlive(payload);
                drain.Handled();
                consumer.Commit(record);
            }
        });

        var settings = new Dictionary<string, string?>
        {
            ["Stratus:Messaging:Kafka:BootstrapServers"] = _cluster.BootstrapServers,
            ["Stratus:Messaging:Kafka:AutoCreateTopics"] = "false",
            [$"Stratus:Messaging:Bindings:{Binding}:Destination"] = StratusTopic,
            [$"Stratus:Messaging:Bindings:{Binding}:Group"] = "bench-stratus",
        };
        foreach (var (key, value) in KafkaMockCluster.ConsumerSettings)
        {
            settings[$"Stratus:Messaging:Kafka:Consumer:{key}"] = value;
        }

        _consumerHost = await StratusApp.StartAsync(
            settings,
            (messaging, configuration) => messaging.AddKafkaBinder(configuration),
            messaging => messaging.AddConsumer<OrderPlaced>(Binding, async (_, _) =>
            {
                var drain = _stratusSlot.Current;
                await drain.EnterAsync();
                drain.Handled();
            }));
    }

    /// <summary>Fills the side's topic through Stratus while its consumer holds the first record, then times the drain.</summary>
    private async Task<RunTime> RunAsync(string topic, DrainSlot slot, int messages)
    {
        var drain = slot.Begin(messages);
        // An unconfigured binding name is its own destination.
        var publisher = _filler.Services.GetRequiredService<IMessagePublisher>();
        await Window.RunAsync(messages, 256, () => new ValueTask(publisher.PublishAsync(topic, _order, null, CancellationToken.None)));
        return await drain.MeasureAsync();
    }
}
