using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Stratus.Bench.Messaging.Brokers;
using Stratus.Messaging;

namespace Stratus.Bench.Messaging.Kafka;

/// <summary>
/// Drains a pre-filled topic on the mock cluster with a new consumer group per run, from the earliest offset,
/// committing each record synchronously after its handler (the binder's at-least-once semantics). Direct: a Confluent
/// consumer with auto-commit and auto offset store off, deserialising the same JSON, <c>Commit(record)</c> per record.
/// Stratus: <c>AddConsumer&lt;OrderPlaced&gt;</c> in a generic host with the Kafka binder. Both use the same consumer
/// settings (the Kafka tests'). The topic is filled once.
/// </summary>
internal sealed class KafkaConsumeScenario : IScenario
{
    private const string Binding = "orders";
    private const string Topic = "bench-consume";
    private readonly KafkaMockCluster _cluster;
    private readonly int _filled;

    private KafkaConsumeScenario(KafkaMockCluster cluster, int filled)
    {
        _cluster = cluster;
        _filled = filled;
    }

    public string Name => "kafka-consume";

    /// <summary>
    /// Fills the topic through a Stratus publisher (so both sides read the records and headers Stratus writes) before
    /// any run: the first drain right after a fill measured a quarter of the others (the mock cluster answered commits
    /// slowly for a few seconds), so the warm-up takes that instead.
    /// </summary>
    public static async Task<KafkaConsumeScenario> CreateAsync(KafkaMockCluster cluster, OrderPlaced order, int messages)
    {
        var filler = await StratusApp.StartAsync(
            new Dictionary<string, string?>
            {
                ["Stratus:Messaging:Kafka:BootstrapServers"] = cluster.BootstrapServers,
                ["Stratus:Messaging:Kafka:AutoCreateTopics"] = "false",
            },
            (messaging, configuration) => messaging.AddKafkaBinder(configuration));
        // An unconfigured binding name is its own destination.
        var publisher = filler.Services.GetRequiredService<IMessagePublisher>();
        await Window.RunAsync(messages, 256, () => new ValueTask(publisher.PublishAsync(Topic, order, null, CancellationToken.None)));
        await StratusApp.StopAsync(filler);
        var held = cluster.CountRecords(Topic);
        return held == messages
            ? new KafkaConsumeScenario(cluster, messages)
            : throw new InvalidOperationException($"kafka-consume: the topic holds {held} records after {messages} delivered; the mock cluster keeps about 5 MB per partition.");
    }

    public async Task<RunTime> RunDirectAsync(int messages, string run)
    {
        CheckFilled(messages);
        var drain = new Drain(messages);
        var config = new ConsumerConfig(KafkaMockCluster.ConsumerSettings.ToDictionary())
        {
            BootstrapServers = _cluster.BootstrapServers,
            GroupId = $"bench-direct-{run}",
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
        };
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(config).Build();
        consumer.Subscribe(Topic);
        using var stopping = new CancellationTokenSource();
        var loop = Task.Run(async () =>
        {
            while (!drain.IsDone)
            {
                ConsumeResult<byte[]?, byte[]?> record;
                try
                {
                    record = consumer.Consume(stopping.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                if (record is null || record.IsPartitionEOF)
                {
                    continue;
                }

                await drain.EnterAsync();
                var payload = JsonSerializer.Deserialize(record.Message.Value, BenchJsonContext.Default.OrderPlaced);
                GC.KeepAlive(payload);
                drain.Handled();
                consumer.Commit(record);
            }
        });
        var elapsed = await drain.MeasureAsync();
        await stopping.CancelAsync();
        await loop;
        consumer.Close();
        return elapsed;
    }

    public async Task<RunTime> RunStratusAsync(int messages, string run)
    {
        CheckFilled(messages);
        var drain = new Drain(messages);
        var settings = new Dictionary<string, string?>
        {
            ["Stratus:Messaging:Kafka:BootstrapServers"] = _cluster.BootstrapServers,
            ["Stratus:Messaging:Kafka:AutoCreateTopics"] = "false",
            [$"Stratus:Messaging:Bindings:{Binding}:Destination"] = Topic,
            [$"Stratus:Messaging:Bindings:{Binding}:Group"] = $"bench-stratus-{run}",
        };
        foreach (var (key, value) in KafkaMockCluster.ConsumerSettings)
        {
            settings[$"Stratus:Messaging:Kafka:Consumer:{key}"] = value;
        }

        var host = await StratusApp.StartAsync(
            settings,
            (messaging, configuration) => messaging.AddKafkaBinder(configuration),
            messaging => messaging.AddConsumer<OrderPlaced>(Binding, async (_, _) =>
            {
                await drain.EnterAsync();
                drain.Handled();
            }));
        var elapsed = await drain.MeasureAsync();
        await StratusApp.StopAsync(host);
        return elapsed;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private void CheckFilled(int messages)
    {
        if (messages > _filled)
        {
            throw new ArgumentOutOfRangeException(nameof(messages), $"{Name}: the topic holds {_filled} records, {messages} were asked for.");
        }
    }
}
