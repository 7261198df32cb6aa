using Confluent.Kafka;

namespace Stratus.Bench.Messaging.Brokers;

/// <summary>
/// librdkafka's mock cluster (three brokers on loopback, inside this process), alive as long as the admin client that
/// created it, as test/Stratus.Messaging.Kafka.Tests/Support/KafkaCluster.cs makes it. Topics are created on first use
/// with the mock's default of 4 partitions, and each partition keeps only its last 5 MB (about 4,500 records of 1 KB),
/// so a backlog to drain must stay below that per partition.
/// </summary>
internal sealed class KafkaMockCluster : IDisposable
{
    private readonly IAdminClient _owner;

    public KafkaMockCluster()
    {
        _owner = new AdminClientBuilder(new AdminClientConfig(new Dictionary<string, string> { ["test.mock.num.brokers"] = "3" })).Build();
        var metadata = _owner.GetMetadata(TimeSpan.FromSeconds(30));
        BootstrapServers = string.Join(',', metadata.Brokers.Select(b => $"{b.Host}:{b.Port}"));
    }

    public string BootstrapServers { get; }

    /// <summary>
    /// Consumer settings both sides use (the Kafka tests' binder settings): the mock creates topics on a consumer's
    /// first metadata request, and short sessions keep group joins quick.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ConsumerSettings { get; } = new Dictionary<string, string>
    {
        ["allow.auto.create.topics"] = "true",
        ["session.timeout.ms"] = "6000",
        ["heartbeat.interval.ms"] = "500",
        ["topic.metadata.refresh.interval.ms"] = "1000",
    };

    public void Dispose() => _owner.Dispose();
}
