using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using Stratus.Messaging.Binding;

namespace Stratus.Messaging.RabbitMQ.Binder;

/// <summary>
/// One connection with the client's automatic and topology recovery, one confirming channel for publishing and
/// dead-lettering, and one channel per consumer. Connects on first use (the messaging host's start), not in the constructor.
/// </summary>
internal sealed partial class RabbitMqBinder(IOptions<RabbitMqBinderOptions> options, ILogger<RabbitMqBinder> logger) : IMessageBinder, IAsyncDisposable
{
    // Spring truncates the stack trace so the headers fit the frame; 8 KiB of characters keeps well under the 128 KiB default frame_max.
    private const int MaxStackTraceLength = 8 * 1024;
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private readonly ConcurrentDictionary<string, bool> _declaredExchanges = new(StringComparer.Ordinal);
    private IConnection? _connection;
    private IChannel? _publishChannel;
    private int _disposed;

    public async Task PublishAsync(string destination, OutboundMessage message, CancellationToken cancellationToken)
    {
        var channel = await GetPublishChannelAsync(cancellationToken).ConfigureAwait(false);
        await DeclareExchangeAsync(channel, destination, ExchangeType.Topic, cancellationToken).ConfigureAwait(false);
        var properties = new BasicProperties
        {
            ContentType = message.ContentType,
            DeliveryMode = DeliveryModes.Persistent,
            Headers = ToAmqpHeaders(message.Headers),
        };
        // With confirmation tracking on, this completes when the broker acks and throws on a nack or a lost channel.
        await channel.BasicPublishAsync(destination, destination, mandatory: false, properties, message.Body, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IAsyncDisposable> BindConsumerAsync(ConsumerBinding binding, Func<InboundMessage, CancellationToken, Task> handler, CancellationToken cancellationToken)
    {
        var connection = await GetConnectionAsync(cancellationToken).ConfigureAwait(false);
        var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await channel.BasicQosAsync(0, (ushort)binding.Prefetch, global: false, cancellationToken).ConfigureAwait(false);
        await channel.ExchangeDeclareAsync(binding.Destination, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: cancellationToken).ConfigureAwait(false);
        string queue;
        if (binding.Group is { Length: > 0 } group)
        {
            queue = RabbitMqTopology.GroupQueue(binding.Destination, group);
            var deadLetterQueue = RabbitMqTopology.DeadLetterQueue(queue);
            await channel.ExchangeDeclareAsync(RabbitMqTopology.DeadLetterExchange, ExchangeType.Direct, durable: true, autoDelete: false, cancellationToken: cancellationToken).ConfigureAwait(false);
            await channel.QueueDeclareAsync(deadLetterQueue, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken).ConfigureAwait(false);
            await channel.QueueBindAsync(deadLetterQueue, RabbitMqTopology.DeadLetterExchange, queue, cancellationToken: cancellationToken).ConfigureAwait(false);
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, RabbitMqTopology.GroupQueueArguments(queue), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        else
        {
            queue = RabbitMqTopology.AnonymousQueue(binding.Destination);
            await channel.QueueDeclareAsync(queue, durable: false, exclusive: true, autoDelete: true, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        await channel.QueueBindAsync(queue, binding.Destination, "#", cancellationToken: cancellationToken).ConfigureAwait(false);
        var consumer = new RabbitMqConsumer(this, binding, queue, channel, handler, logger);
        await consumer.StartAsync(cancellationToken).ConfigureAwait(false);
        return consumer;
    }

    /// <summary>Spring's republishToDlq: the original body and headers plus the failure, to <c>DLX</c> with the queue as routing key.</summary>
    internal async Task RepublishToDeadLetterAsync(string queue, BasicDeliverEventArgs delivery, Exception failure, CancellationToken cancellationToken)
    {
        var channel = await GetPublishChannelAsync(cancellationToken).ConfigureAwait(false);
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

        if (_connection is not null)
        {
            await _connection.CloseAsync().ConfigureAwait(false);
            await _connection.DisposeAsync().ConfigureAwait(false);
        }

        _connecting.Dispose();
    }

    private async Task DeclareExchangeAsync(IChannel channel, string exchange, string type, CancellationToken cancellationToken)
    {
        if (!_declaredExchanges.ContainsKey(exchange))
        {
            await channel.ExchangeDeclareAsync(exchange, type, durable: true, autoDelete: false, cancellationToken: cancellationToken).ConfigureAwait(false);
            _declaredExchanges.TryAdd(exchange, true);
        }
    }

    private async Task<IChannel> GetPublishChannelAsync(CancellationToken cancellationToken)
    {
        if (_publishChannel is { IsOpen: true } ready)
        {
            return ready;
        }

        var connection = await GetConnectionAsync(cancellationToken).ConfigureAwait(false);
        await _connecting.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // A channel-level error (say, an exchange redeclared with other settings) closes the channel for good;
            // connection loss is repaired by the client's recovery instead, so only a closed, unrecovering channel is replaced.
            if (_publishChannel is { IsOpen: false, CloseReason: not null } closed && connection.IsOpen)
            {
                await closed.DisposeAsync().ConfigureAwait(false);
                _publishChannel = null;
            }

            return _publishChannel ??= await connection.CreateChannelAsync(
                new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _connecting.Release();
        }
    }

    private async Task<IConnection> GetConnectionAsync(CancellationToken cancellationToken)
    {
        if (_connection is { } ready)
        {
            return ready;
        }

        await _connecting.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_connection is null)
            {
                var settings = options.Value;
                var factory = new ConnectionFactory
                {
                    Uri = settings.Uri,
                    ClientProvidedName = settings.ConnectionName,
                    AutomaticRecoveryEnabled = true,
                    TopologyRecoveryEnabled = true,
                };
                _connection = await factory.CreateConnectionAsync(cancellationToken).ConfigureAwait(false);
                var endpoint = RabbitMqTopology.Describe(settings.Uri);
                Log.Connected(logger, endpoint);
            }

            return _connection;
        }
        finally
        {
            _connecting.Release();
        }
    }

    private static Dictionary<string, object?> ToAmqpHeaders(IReadOnlyDictionary<string, object?> headers)
    {
        var amqp = new Dictionary<string, object?>(headers.Count, StringComparer.Ordinal);
        foreach (var (name, value) in headers)
        {
            if (value is not null)
            {
                amqp[name] = value;
            }
        }

        return amqp;
    }
}
