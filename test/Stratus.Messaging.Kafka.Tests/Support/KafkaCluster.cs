using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Stratus.Messaging.Tests.Support;

[assembly: AssemblyFixture(typeof(Stratus.Messaging.Kafka.Tests.Support.KafkaCluster))]

namespace Stratus.Messaging.Kafka.Tests.Support;

/// <summary>
/// librdkafka's built-in mock cluster (three brokers speaking the Kafka protocol on loopback), alive as long as the
/// admin client that created it. Set <c>STRATUS_KAFKA_BOOTSTRAP_SERVERS</c> to run the same tests against a real Kafka.
/// </summary>
public sealed class KafkaCluster : IDisposable, IMessagingBroker
{
    public const string BootstrapVariable = "STRATUS_KAFKA_BOOTSTRAP_SERVERS";
    private readonly IAdminClient? _mockOwner;

    public KafkaCluster()
    {
        var clock = Stopwatch.StartNew();
        if (Environment.GetEnvironmentVariable(BootstrapVariable) is { Length: > 0 } real)
        {
            BootstrapServers = real;
            IsMock = false;
        }
        else
        {
            _mockOwner = new AdminClientBuilder(new AdminClientConfig(new Dictionary<string, string> { ["test.mock.num.brokers"] = "3" })).Build();
            var metadata = _mockOwner.GetMetadata(TimeSpan.FromSeconds(30));
            BootstrapServers = string.Join(',', metadata.Brokers.Select(b => $"{b.Host}:{b.Port}"));
            IsMock = true;
        }

        StartupTime = clock.Elapsed;
    }

    public string BootstrapServers { get; }

    public bool IsMock { get; }

    public TimeSpan StartupTime { get; }

    /// <summary>Settings the binder and raw clients share: short sessions so rebalances after a consumer leaves are quick.</summary>
    public IReadOnlyDictionary<string, string?> BinderSettings() => new Dictionary<string, string?>
    {
        ["Stratus:Messaging:Kafka:BootstrapServers"] = BootstrapServers,
        // The mock cluster has no controller for CreateTopics; it auto-creates topics (4 partitions) on first use instead.
        ["Stratus:Messaging:Kafka:AutoCreateTopics"] = IsMock ? "false" : "true",
        ["Stratus:Messaging:Kafka:Partitions"] = "2",
        ["Stratus:Messaging:Kafka:Consumer:allow.auto.create.topics"] = "true",
        ["Stratus:Messaging:Kafka:Consumer:session.timeout.ms"] = "6000",
        ["Stratus:Messaging:Kafka:Consumer:heartbeat.interval.ms"] = "500",
        ["Stratus:Messaging:Kafka:Consumer:topic.metadata.refresh.interval.ms"] = "1000",
    };

    /// <summary>Every record in <paramref name="topic"/> read from the beginning with a plain Confluent consumer (a fresh group from the earliest offset).</summary>
    public async Task<List<ConsumeResult<byte[]?, byte[]?>>> ReadAsync(string topic, int expected, TimeSpan timeout) =>
        await Task.Run(() =>
        {
            using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
            {
                BootstrapServers = BootstrapServers,
                GroupId = "probe-" + Guid.NewGuid().ToString("N"),
                EnableAutoCommit = false,
                AutoOffsetReset = AutoOffsetReset.Earliest,
                AllowAutoCreateTopics = true,
                SessionTimeoutMs = 6000,
                HeartbeatIntervalMs = 500,
            }).Build();
            consumer.Subscribe(topic);
            var records = new List<ConsumeResult<byte[]?, byte[]?>>();
            var clock = Stopwatch.StartNew();
            while (records.Count < expected && clock.Elapsed < timeout)
            {
                try
                {
                    if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { IsPartitionEOF: false } record)
                    {
                        records.Add(record);
                    }
                }
                catch (ConsumeException)
                {
                    // The topic is not there yet (a dead-letter topic appears with its first record); keep polling.
                }
            }

            consumer.Close();
            return records;
        }, TestContext.Current.CancellationToken);

    public void Dispose() => _mockOwner?.Dispose();

    public StratusMessagingBuilder AddBinder(StratusMessagingBuilder messaging, IConfiguration configuration) =>
        messaging.AddKafkaBinder(configuration);
}
