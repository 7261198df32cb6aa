using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Stratus.Messaging.Binding;

namespace Stratus.Messaging.Kafka.Binder;

/// <summary>
/// One idempotent producer for publishing and dead-lettering, one admin client to create topics, one consumer per
/// binding. Clients are created on first use (the messaging host's start), not in the constructor.
/// </summary>
internal sealed partial class KafkaBinder(
    IOptions<KafkaBinderOptions> options,
    IOptionsMonitor<MessagingOptions> messaging,
    TimeProvider timeProvider,
    ILogger<KafkaBinder> logger) : IMessageBinder, IAsyncDisposable
{
    private const int MetadataAttempts = 10;
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MetadataRetryDelay = TimeSpan.FromMilliseconds(500);
    private readonly Lock _creating = new();
    private readonly ConcurrentDictionary<string, Task> _provisioned = new(StringComparer.Ordinal);
    private IProducer<byte[]?, byte[]?>? _producer;
    private IAdminClient? _producerAdmin;
    private IAdminClient? _admin;
    private static readonly TimeSpan PartitionCountLifetime = TimeSpan.FromMinutes(5);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (int Count, long Read)> _partitionCounts = new(StringComparer.Ordinal);
    private int _disposed;

    public async Task PublishAsync(string destination, OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(destination);
        ArgumentNullException.ThrowIfNull(message);
        await ProvisionAsync(destination, () => Task.FromResult(KafkaTopology.PartitionsToCreate(destination, options.Value.Partitions, messaging.CurrentValue)))
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        var record = new Message<byte[]?, byte[]?>
        {
            Key = message.Key is { } key ? Encoding.UTF8.GetBytes(key) : null,
            Value = RecordValue(message.Body),
            Headers = KafkaHeaderMapper.ToKafka(message),
        };
        // Spring's partitioned producer sets the record's partition from scst_partition; unpartitioned records are left
        // to librdkafka's partitioner (by key when there is one).
        var target = new TopicPartition(destination, message.Partition is { } partition ? new Partition(partition) : Partition.Any);
        try
        {
            // Completes on the delivery report: acknowledged by all in-sync replicas, and faults on a delivery error.
            await GetProducer().ProduceAsync(target, record, cancellationToken).ConfigureAwait(false);
        }
        catch (ProduceException<byte[]?, byte[]?> ex) when (ex.Error.Code == ErrorCode.Local_UnknownPartition)
        {
            throw new InvalidOperationException(
                $"Topic '{destination}' has no partition {target.Partition.Value}: it has fewer partitions than the binding's PartitionCount. " +
                "Add partitions to the topic or lower PartitionCount.", ex);
        }
    }

    public async Task<IAsyncDisposable> BindConsumerAsync(ConsumerBinding binding, Func<InboundMessage, CancellationToken, Task> handler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(binding);
        ArgumentNullException.ThrowIfNull(handler);
        var settings = options.Value;
        var kafkaBinding = settings.GetBinding(binding.Name);
        var partitions = Math.Max(KafkaTopology.PartitionsToCreate(binding.Destination, settings.Partitions, messaging.CurrentValue), binding.InstanceCount);
        await ProvisionAsync(binding.Destination, () => Task.FromResult(partitions)).WaitAsync(cancellationToken).ConfigureAwait(false);
        string group;
        DeadLetterTarget? deadLetter = null;
        if (binding.Group is { Length: > 0 } named)
        {
            group = named;
            deadLetter = new DeadLetterTarget(KafkaTopology.DeadLetterTopic(binding.Destination, named), kafkaBinding.DlqPartitions);
            // Spring's provisioner: dlqPartitions, or as many partitions as the destination has.
            await ProvisionAsync(deadLetter.Topic, async () => kafkaBinding.DlqPartitions ?? await PartitionCountAsync(GetAdmin(), binding.Destination, cancellationToken).ConfigureAwait(false))
                .WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            group = KafkaTopology.AnonymousGroup();
        }

        var config = new ConsumerConfig(Merge(settings.Configuration, settings.Consumer))
        {
            BootstrapServers = settings.BootstrapServers,
            GroupId = group,
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            // Spring's startOffset: earliest for a named group, latest for an anonymous one.
            AutoOffsetReset = binding.Group is { Length: > 0 } ? AutoOffsetReset.Earliest : AutoOffsetReset.Latest,
        };
        var client = new ConsumerBuilder<byte[]?, byte[]?>(config)
            .SetErrorHandler((_, error) => Log.ClientError(logger, "consumer", error.Code, error.Reason))
            .Build();
        try
        {
            // Anonymous consumers always join their own group, as in Spring; a named group without auto-rebalance reads
            // a fixed share of the partitions.
            if (deadLetter is not null && !kafkaBinding.AutoRebalanceEnabled)
            {
                var assigned = await ListenedPartitionsAsync(client, binding, cancellationToken).ConfigureAwait(false);
                client.Assign(assigned.Select(p => new TopicPartition(binding.Destination, new Partition(p))));
                Log.PartitionsAssigned(logger, binding.Name, binding.Destination, assigned);
            }
            else
            {
                client.Subscribe(binding.Destination);
            }
        }
        catch
        {
            client.Dispose();
            throw;
        }

        var consumer = new KafkaConsumer(this, binding, deadLetter, client, handler, timeProvider, logger);
        consumer.Start();
        return consumer;
    }

    /// <summary>
    /// The record's value: Confluent takes a <see cref="byte"/> array and copies it into librdkafka during the produce
    /// call, so a body that is a whole array (what the publisher hands over) goes as it is; only a slice is copied.
    /// </summary>
    internal static byte[] RecordValue(ReadOnlyMemory<byte> body) =>
        MemoryMarshal.TryGetArray(body, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : body.ToArray();

    /// <summary>
    /// Spring Cloud Stream's DLQ record: the original key, value and headers plus the failure, to the dead-letter topic's
    /// partition that <c>DlqPartitionFunction</c>'s fallback picks: 0 with <c>dlqPartitions=1</c>, else the original one.
    /// </summary>
    internal async Task DeadLetterAsync(DeadLetterTarget target, ConsumeResult<byte[]?, byte[]?> record, Exception failure, CancellationToken cancellationToken)
    {
        var message = new Message<byte[]?, byte[]?>
        {
            Key = record.Message.Key,
            Value = record.Message.Value,
            Headers = KafkaHeaders.ForDeadLetter(record, failure),
        };
        var partition = target.Partitions == 1 ? new Partition(0) : record.Partition;
        try
        {
            await GetProducer().ProduceAsync(new TopicPartition(target.Topic, partition), message, cancellationToken).ConfigureAwait(false);
        }
        catch (ProduceException<byte[]?, byte[]?> ex) when (ex.Error.Code == ErrorCode.Local_UnknownPartition)
        {
            // Spring would fail here and lose the dead letter; a dead-letter topic made elsewhere with fewer partitions
            // still takes it, on the partition the partitioner picks.
            Log.DeadLetterPartitionMissing(logger, target.Topic, partition.Value);
            await GetProducer().ProduceAsync(new TopicPartition(target.Topic, Partition.Any), message, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The topic's partition count through the producer's connection, remembered for five minutes: Spring's Kafka binder
    /// selects partitions among the larger of the topic's count and the configured <c>partitionCount</c>.
    /// </summary>
    public async ValueTask<int?> GetPartitionCountAsync(string destination, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetTimestamp();
        if (_partitionCounts.TryGetValue(destination, out var known) && timeProvider.GetElapsedTime(known.Read, now) < PartitionCountLifetime)
        {
            return known.Count;
        }

        GetProducer();
        var count = await PartitionCountAsync(_producerAdmin!, destination, cancellationToken).ConfigureAwait(false);
        _partitionCounts[destination] = (count, now);
        return count;
    }

    /// <summary>
    /// The cluster's metadata through the producer's connection, for the health check; throws when no broker answers
    /// within <paramref name="timeout"/>. (librdkafka's mock cluster does not answer DescribeCluster, so this is a plain
    /// metadata request.)
    /// </summary>
    internal Task<Metadata> GetClusterMetadataAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        GetProducer();
        var admin = _producerAdmin!;
        return Task.Run(() => admin.GetMetadata(timeout), cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        // Registered as itself and as IMessageBinder, so the container disposes it twice.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return ValueTask.CompletedTask;
        }

        _producerAdmin?.Dispose();
        if (_producer is not null)
        {
            _producer.Flush(TimeSpan.FromSeconds(10));
            _producer.Dispose();
        }

        _admin?.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Spring's <c>getListenedPartitions</c> without group management: <c>p % instanceCount == instanceIndex</c>.</summary>
    private async Task<int[]> ListenedPartitionsAsync(IConsumer<byte[]?, byte[]?> client, ConsumerBinding binding, CancellationToken cancellationToken)
    {
        // Asked through the consumer's own connection, so its settings (security, allow.auto.create.topics) apply.
        using var admin = new DependentAdminClientBuilder(client.Handle).Build();
        var count = await PartitionCountAsync(admin, binding.Destination, cancellationToken).ConfigureAwait(false);
        if (count < binding.InstanceCount)
        {
            throw new InvalidOperationException(
                $"Binding '{binding.Name}' reads topic '{binding.Destination}' without auto-rebalance as instance {binding.InstanceIndex} of {binding.InstanceCount}, " +
                $"but the topic has only {count} partitions; it needs at least InstanceCount.");
        }

        return [.. Enumerable.Range(0, count).Where(p => p % binding.InstanceCount == binding.InstanceIndex)];
    }

    private async Task<int> PartitionCountAsync(IAdminClient admin, string topic, CancellationToken cancellationToken)
    {
        // A topic created a moment ago can report no leader yet; Spring retries its metadata look-up too.
        for (var attempt = 1; ; attempt++)
        {
            var metadata = await Task.Run(() => admin.GetMetadata(topic, MetadataTimeout), cancellationToken).ConfigureAwait(false);
            var found = metadata.Topics.Find(t => t.Topic == topic);
            if (found is { Error.IsError: false, Partitions.Count: > 0 })
            {
                return found.Partitions.Count;
            }

            if (attempt == MetadataAttempts)
            {
                throw new InvalidOperationException(
                    $"Cannot read the partitions of topic '{topic}': {(found?.Error.IsError == true ? found.Error.Reason : "the topic has no partitions")}.");
            }

            await Task.Delay(MetadataRetryDelay, timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    private Task ProvisionAsync(string topic, Func<Task<int>> partitions) =>
        options.Value.AutoCreateTopics ? _provisioned.GetOrAdd(topic, name => CreateTopicAsync(name, partitions)) : Task.CompletedTask;

    private async Task CreateTopicAsync(string topic, Func<Task<int>> partitions)
    {
        var settings = options.Value;
        try
        {
            var count = await partitions().ConfigureAwait(false);
            await GetAdmin().CreateTopicsAsync(
                [new TopicSpecification { Name = topic, NumPartitions = count, ReplicationFactor = settings.ReplicationFactor }]).ConfigureAwait(false);
            Log.TopicCreated(logger, topic, count);
        }
        catch (CreateTopicsException ex) when (ex.Results.TrueForAll(r => r.Error.Code is ErrorCode.TopicAlreadyExists or ErrorCode.NoError))
        {
            // Already there: existing topics are used as they are.
        }
        catch
        {
            _provisioned.TryRemove(topic, out _);
            throw;
        }
    }

    private IProducer<byte[]?, byte[]?> GetProducer()
    {
        ObjectDisposedException.ThrowIf(_disposed == 1, this);
        if (_producer is { } ready)
        {
            return ready;
        }

        lock (_creating)
        {
            if (_producer is null)
            {
                var settings = options.Value;
                var config = new ProducerConfig(Merge(settings.Configuration, settings.Producer))
                {
                    BootstrapServers = settings.BootstrapServers,
                    EnableIdempotence = true,
                    Acks = Acks.All,
                };
                var producer = new ProducerBuilder<byte[]?, byte[]?>(config)
                    .SetErrorHandler((_, error) => Log.ClientError(logger, "producer", error.Code, error.Reason))
                    .Build();
                _producerAdmin = new DependentAdminClientBuilder(producer.Handle).Build();
                _producer = producer;
                Log.ProducerCreated(logger, settings.BootstrapServers);
            }

            return _producer;
        }
    }

    private IAdminClient GetAdmin()
    {
        lock (_creating)
        {
            if (_admin is null)
            {
                var settings = options.Value;
                var config = new AdminClientConfig(new Dictionary<string, string>(settings.Configuration, StringComparer.Ordinal)) { BootstrapServers = settings.BootstrapServers };
                _admin = new AdminClientBuilder(config)
                    .SetErrorHandler((_, error) => Log.ClientError(logger, "admin", error.Code, error.Reason))
                    .Build();
            }

            return _admin;
        }
    }

    private static Dictionary<string, string> Merge(Dictionary<string, string> common, Dictionary<string, string> specific)
    {
        var merged = new Dictionary<string, string>(common, StringComparer.Ordinal);
        foreach (var (key, value) in specific)
        {
            merged[key] = value;
        }

        return merged;
    }
}
