using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;
using Stratus.Messaging.Binding;

namespace Stratus.Messaging.RabbitMQ.Binder;

/// <summary>
/// Spring Cloud Stream's Rabbit binder on the binder's one connection (<see cref="RabbitMqConnection"/>): a confirming
/// channel for publishing and dead-lettering, and one channel per consumer. Connects on first use (the messaging host's
/// start or the first publish), not in the constructor.
/// </summary>
internal sealed partial class RabbitMqBinder(RabbitMqConnection connection, IOptions<RabbitMqBinderOptions> options, ILogger<RabbitMqBinder> logger)
    : IMessageBinder, IAsyncDisposable
{
    // Spring truncates the stack trace so the headers fit the frame; 8 KiB of characters keeps well under the 128 KiB default frame_max.
    private const int MaxStackTraceLength = 8 * 1024;
    private readonly SemaphoreSlim _opening = new(1, 1);
    private readonly ConcurrentDictionary<string, bool> _declaredExchanges = new(StringComparer.Ordinal);
    private IChannel? _publishChannel;
    private int _disposed;

    public async Task PublishAsync(string destination, OutboundMessage message, CancellationToken cancellationToken)
    {
        var amqp = await connection.GetAsync(cancellationToken).ConfigureAwait(false);
        // Spring's default partitioned routing key: '<destination>-' + headers['scst_partition'].
        var routingKey = message.Partition is { } partition ? RabbitMqTopology.PartitionRoutingKey(destination, partition) : destination;
        var properties = new BasicProperties
        {
            ContentType = message.ContentType,
            DeliveryMode = DeliveryModes.Persistent,
            Headers = AmqpHeaders.ToAmqp(message.Headers),
            MessageId = message.MessageId,
        };
        try
        {
            ThrowIfDown(amqp, destination, null);
            var channel = await GetPublishChannelAsync(amqp, cancellationToken).ConfigureAwait(false);
            await DeclareExchangeAsync(channel, destination, cancellationToken).ConfigureAwait(false);
            // With confirmation tracking on, this completes when the broker acks and throws on a nack or a lost channel.
            await channel.BasicPublishAsync(destination, routingKey, mandatory: false, properties, message.Body, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationInterruptedException && !amqp.IsOpen)
        {
            ThrowIfDown(amqp, destination, ex);
            throw;
        }
    }

    public async Task<IAsyncDisposable> BindConsumerAsync(ConsumerBinding binding, Func<InboundMessage, CancellationToken, Task> handler, CancellationToken cancellationToken)
    {
        var settings = options.Value.GetBinding(binding.Name);
        var group = string.IsNullOrWhiteSpace(binding.Group) ? null : binding.Group;
        if (group is null && binding.Partitioned)
        {
            // Spring's AbstractBinder refuses the same: an anonymous queue would see every partition.
            throw new InvalidOperationException(
                $"{MessagingOptions.SectionName}:Bindings:{binding.Name}:Partitioned is true but the binding has no Group: a consumer group is required for a partitioned subscription");
        }

        if (group is null && (settings.IsQuorum || settings.IsDeadLetterQuorum))
        {
            throw new InvalidOperationException(
                $"{RabbitMqBinderOptions.SectionName}:Bindings:{binding.Name} asks for a quorum queue, which needs {MessagingOptions.SectionName}:Bindings:{binding.Name}:Group");
        }

        var amqp = await connection.GetAsync(cancellationToken).ConfigureAwait(false);
        var channel = await amqp.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        try
        {
            await channel.BasicQosAsync(0, (ushort)binding.Prefetch, global: false, cancellationToken).ConfigureAwait(false);
            var (queue, deadLetterQueue) = await DeclareConsumerTopologyAsync(channel, binding, group, settings, cancellationToken).ConfigureAwait(false);
            var consumer = new RabbitMqConsumer(this, binding, queue, deadLetterQueue, channel, handler, logger);
            await consumer.StartAsync(cancellationToken).ConfigureAwait(false);
            return consumer;
        }
        catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == Constants.PreconditionFailed)
        {
            await channel.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException(
                $"Declaring the RabbitMQ queues of binding '{binding.Name}' failed: {ex.ShutdownReason.ReplyText}. An exchange or queue of that name " +
                $"exists with other settings (for instance another {RabbitMqBinderOptions.SectionName}:Bindings:{binding.Name}:QueueType); " +
                "RabbitMQ cannot change them, so delete it or match its settings", ex);
        }
        catch
        {
            await channel.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Spring's republishToDlq: the original body and headers plus the failure, to <c>DLX</c> with the consumer's queue
    /// as routing key (Spring's <c>getConsumerQueue()</c>; the DLQ is bound with it, partitioned or not).
    /// </summary>
    internal async Task RepublishToDeadLetterAsync(string queue, BasicDeliverEventArgs delivery, Exception failure, CancellationToken cancellationToken)
    {
        var amqp = await connection.GetAsync(cancellationToken).ConfigureAwait(false);
        var channel = await GetPublishChannelAsync(amqp, cancellationToken).ConfigureAwait(false);
        var headers = delivery.BasicProperties.Headers is { } original
            ? new Dictionary<string, object?>(original, StringComparer.Ordinal)
            : new Dictionary<string, object?>(StringComparer.Ordinal);
        var stackTrace = failure.ToString();
        headers[MessageHeaders.ExceptionMessage] = failure.Message;
        headers[MessageHeaders.ExceptionStackTrace] = stackTrace.Length > MaxStackTraceLength ? stackTrace[..MaxStackTraceLength] : stackTrace;
        headers[MessageHeaders.OriginalExchange] = delivery.Exchange;
        headers[MessageHeaders.OriginalRoutingKey] = delivery.RoutingKey;
        var properties = new BasicProperties(delivery.BasicProperties) { DeliveryMode = DeliveryModes.Persistent, Headers = headers };
        await channel.BasicPublishAsync(RabbitMqTopology.DeadLetterExchange, queue, mandatory: false, properties, delivery.Body, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        // Registered as itself and as IMessageBinder, so the container disposes it twice.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (_publishChannel is not null)
        {
            await _publishChannel.DisposeAsync().ConfigureAwait(false);
        }

        _opening.Dispose();
    }

    private static async Task<(string Queue, string? DeadLetterQueue)> DeclareConsumerTopologyAsync(
        IChannel channel, ConsumerBinding binding, string? group, RabbitMqBindingOptions settings, CancellationToken cancellationToken)
    {
        await channel.ExchangeDeclareAsync(binding.Destination, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (group is null)
        {
            var anonymous = RabbitMqTopology.AnonymousQueue(binding.Destination);
            await channel.QueueDeclareAsync(anonymous, durable: false, exclusive: true, autoDelete: true, cancellationToken: cancellationToken).ConfigureAwait(false);
            await channel.QueueBindAsync(anonymous, binding.Destination, "#", cancellationToken: cancellationToken).ConfigureAwait(false);
            return (anonymous, null);
        }

        var groupQueue = RabbitMqTopology.GroupQueue(binding.Destination, group);
        var queue = RabbitMqTopology.ConsumerQueue(binding, group);
        var deadLetterQueue = RabbitMqTopology.DeadLetterQueue(groupQueue);
        await channel.ExchangeDeclareAsync(RabbitMqTopology.DeadLetterExchange, ExchangeType.Direct, durable: true, autoDelete: false, cancellationToken: cancellationToken).ConfigureAwait(false);
        await channel.QueueDeclareAsync(deadLetterQueue, durable: true, exclusive: false, autoDelete: false,
            RabbitMqTopology.DeadLetterQueueArguments(settings.IsDeadLetterQuorum), cancellationToken: cancellationToken).ConfigureAwait(false);
        foreach (var key in RabbitMqTopology.DeadLetterBindingKeys(queue, groupQueue))
        {
            await channel.QueueBindAsync(deadLetterQueue, RabbitMqTopology.DeadLetterExchange, key, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false,
            RabbitMqTopology.GroupQueueArguments(queue, settings.IsQuorum), cancellationToken: cancellationToken).ConfigureAwait(false);
        await channel.QueueBindAsync(queue, binding.Destination, RabbitMqTopology.BindingKey(binding), cancellationToken: cancellationToken).ConfigureAwait(false);
        return (queue, deadLetterQueue);
    }

    // Fails at once rather than waiting for recovery: the caller decides whether to retry, and nothing blocks on a broker outage.
    private void ThrowIfDown(IConnection amqp, string destination, Exception? inner)
    {
        if (!amqp.IsOpen)
        {
            throw new InvalidOperationException(
                $"Cannot publish to '{destination}': the connection to RabbitMQ at {connection.Endpoint} is down ({connection.Problem ?? "closed"}) " +
                $"and is being recovered every {connection.RecoveryInterval}; the message was not confirmed", inner);
        }
    }

    private async Task DeclareExchangeAsync(IChannel channel, string exchange, CancellationToken cancellationToken)
    {
        if (!_declaredExchanges.ContainsKey(exchange))
        {
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: cancellationToken).ConfigureAwait(false);
            _declaredExchanges.TryAdd(exchange, true);
        }
    }

    private async Task<IChannel> GetPublishChannelAsync(IConnection amqp, CancellationToken cancellationToken)
    {
        if (_publishChannel is { IsOpen: true } ready)
        {
            return ready;
        }

        await _opening.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // A channel-level error (say, an exchange redeclared with other settings) closes the channel for good;
            // connection loss is repaired by the client's recovery instead, so only a closed, unrecovering channel is replaced.
            if (_publishChannel is { IsOpen: false, CloseReason: not null } closed && amqp.IsOpen)
            {
                await closed.DisposeAsync().ConfigureAwait(false);
                _publishChannel = null;
            }

            return _publishChannel ??= await amqp.CreateChannelAsync(
                new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _opening.Release();
        }
    }
}
