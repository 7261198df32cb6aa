using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Stratus.Bench.Messaging.Brokers;
using Stratus.Messaging;

namespace Stratus.Bench.Messaging.Kafka;

/// <summary>
/// 1 KB records to one topic on the mock cluster, each publish awaiting its delivery report, with <c>inFlight</c>
/// outstanding. Direct: a Confluent.Kafka producer with the binder's settings (idempotent, <c>acks=all</c>, librdkafka's
/// other defaults) awaiting <c>ProduceAsync</c>, serialising the payload with the same source-generated JSON. Stratus:
/// <see cref="IMessagePublisher.PublishAsync"/> in a generic host with the Kafka binder. Both write to the same topic.
/// </summary>
internal sealed class KafkaPublishScenario : IScenario
{
    private const string Binding = "orders";
    private readonly int _inFlight;
    private readonly OrderPlaced _order;
    private readonly string _topic;
    private readonly IProducer<byte[]?, byte[]?> _direct;
    private readonly IHost _stratus;
    private readonly IMessagePublisher _publisher;

    private KafkaPublishScenario(int inFlight, OrderPlaced order, string topic, IProducer<byte[]?, byte[]?> direct, IHost stratus)
    {
        _inFlight = inFlight;
        _order = order;
        _topic = topic;
        _direct = direct;
        _stratus = stratus;
        _publisher = stratus.Services.GetRequiredService<IMessagePublisher>();
    }

    public string Name => $"kafka-publish-w{_inFlight}";

    public static async Task<KafkaPublishScenario> CreateAsync(KafkaMockCluster cluster, int inFlight, OrderPlaced order)
    {
        var topic = $"bench-publish-w{inFlight}";
        var direct = new ProducerBuilder<byte[]?, byte[]?>(new ProducerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            EnableIdempotence = true,
            Acks = Acks.All,
        }).Build();
        var stratus = await StratusApp.StartAsync(
            new Dictionary<string, string?>
            {
                ["Stratus:Messaging:Kafka:BootstrapServers"] = cluster.BootstrapServers,
                // The mock cluster has no CreateTopics; it creates a topic on first use.
                ["Stratus:Messaging:Kafka:AutoCreateTopics"] = "false",
                [$"Stratus:Messaging:Bindings:{Binding}:Destination"] = topic,
            },
            (messaging, configuration) => messaging.AddKafkaBinder(configuration));
        return new KafkaPublishScenario(inFlight, order, topic, direct, stratus);
    }

    public async Task<RunTime> RunDirectAsync(int messages)
    {
        var timer = RunTime.Start();
        await Window.RunAsync(messages, _inFlight, async () =>
        {
            var body = JsonSerializer.SerializeToUtf8Bytes(_order, BenchJsonContext.Default.OrderPlaced);
            await _direct.ProduceAsync(_topic, new Message<byte[]?, byte[]?> { Value = body });
        });
        return timer.Stop();
    }

    public async Task<RunTime> RunStratusAsync(int messages)
    {
        var timer = RunTime.Start();
        await Window.RunAsync(messages, _inFlight, () => new ValueTask(_publisher.PublishAsync(Binding, _order, null, CancellationToken.None)));
        return timer.Stop();
    }

    public async ValueTask DisposeAsync()
    {
        await StratusApp.StopAsync(_stratus);
        _direct.Flush(TimeSpan.FromSeconds(10));
        _direct.Dispose();
    }
}
