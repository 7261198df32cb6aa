using System.Collections.Concurrent;
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
internal sealed partial class KafkaBinder(IOptions<KafkaBinderOptions> options, TimeProvider timeProvider, ILogger<KafkaBinder> logger)
    : IMessageBinder, IAsyncDisposable
{
    private readonly Lock _creating = new();
    private readonly ConcurrentDictionary<string, Task> _provisioned = new(StringComparer.Ordinal);
    private IProducer<byte[]?, byte[]?>? _producer;
    private IAdminClient? _admin;
    private int _disposed;

    public async Task PublishAsync(string destination, OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(destination);
        ArgumentNullException.ThrowIfNull(message);
        await ProvisionAsync(destination).WaitAsync(cancellationToken).ConfigureAwait(false);
        var record = new Message<byte[]?, byte[]?> { Value = message.Body.ToArray(), Headers = KafkaHeaders.FromOutbound(message.Headers) };
        // Completes on the delivery report: acknowledged by all in-sync replicas, and faults on a delivery error.
        await GetProducer().ProduceAsync(destination, record, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IAsyncDisposable> BindConsumerAsync(ConsumerBinding binding, Func<InboundMessage, CancellationToken, Task> handler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(binding);
        ArgumentNullException.ThrowIfNull(handler);
        await ProvisionAsync(binding.Destination).WaitAsync(cancellationToken).ConfigureAwait(false);
        string group;
        string? deadLetterTopic = null;
        if (binding.Group is { Length: > 0 } named)
        {
            group = named;
            deadLetterTopic = KafkaTopology.DeadLetterTopic(binding.Destination, named);
            await ProvisionAsync(deadLetterTopic).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            group = KafkaTopology.AnonymousGroup();
        }

        var settings = options.Value;
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
        client.Subscribe(binding.Destination);
        var consumer = new KafkaConsumer(this, binding, deadLetterTopic, client, handler, timeProvider, logger);
        consumer.Start();
        return consumer;
    }

    /// <summary>Spring Cloud Stream's DLQ record: the original key, value and headers plus the failure, to the dead-letter topic.</summary>
    internal Task DeadLetterAsync(string deadLetterTopic, ConsumeResult<byte[]?, byte[]?> record, Exception failure, CancellationToken cancellationToken)
    {
        var message = new Message<byte[]?, byte[]?>
        {
            Key = record.Message.Key,
            Value = record.Message.Value,
            Headers = KafkaHeaders.ForDeadLetter(record, failure),
        };
        return GetProducer().ProduceAsync(deadLetterTopic, message, cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        // Registered as itself and as IMessageBinder, so the container disposes it twice.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return ValueTask.CompletedTask;
        }

        if (_producer is not null)
        {
            _producer.Flush(TimeSpan.FromSeconds(10));
            _producer.Dispose();
        }

        _admin?.Dispose();
        return ValueTask.CompletedTask;
    }

    private Task ProvisionAsync(string topic) =>
        options.Value.AutoCreateTopics ? _provisioned.GetOrAdd(topic, CreateTopicAsync) : Task.CompletedTask;

    private async Task CreateTopicAsync(string topic)
    {
        var settings = options.Value;
        try
        {
            await GetAdmin().CreateTopicsAsync(
                [new TopicSpecification { Name = topic, NumPartitions = settings.Partitions, ReplicationFactor = settings.ReplicationFactor }]).ConfigureAwait(false);
            Log.TopicCreated(logger, topic, settings.Partitions);
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
                _producer = new ProducerBuilder<byte[]?, byte[]?>(config)
                    .SetErrorHandler((_, error) => Log.ClientError(logger, "producer", error.Code, error.Reason))
                    .Build();
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
