using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;
using Stratus.Messaging.Binding;

namespace Stratus.Messaging.RabbitMQ.Binder;

/// <summary>
/// One consuming channel: manual acks after the handler, failures to the DLQ, never a blocked queue. The channel is an
/// auto-recovering one: after a connection loss the client reopens it and re-registers this consumer.
/// </summary>
internal sealed class RabbitMqConsumer(
    RabbitMqBinder binder,
    ConsumerBinding binding,
    string queue,
    string? deadLetterQueue,
    IChannel channel,
    Func<InboundMessage, CancellationToken, Task> handler,
    ILogger logger) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private string? _consumerTag;

    // Bumped each time the channel shuts down. A delivery tag belongs to one channel incarnation; after a recovery the
    // broker has requeued that delivery and will redeliver it. The client drops acks of older tags by itself (its
    // RecoveryAwareChannel offsets them); checking here as well lets us log it and, above all, not republish a failed
    // stale delivery to the DLQ, where its redelivery would put a second copy.
    private int _incarnation;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        channel.ChannelShutdownAsync += (_, _) =>
        {
            Interlocked.Increment(ref _incarnation);
            return Task.CompletedTask;
        };
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += OnReceivedAsync;
        _consumerTag = await channel.BasicConsumeAsync(queue, autoAck: false, consumer, cancellationToken).ConfigureAwait(false);
    }

    private async Task OnReceivedAsync(object sender, BasicDeliverEventArgs delivery)
    {
        var incarnation = Volatile.Read(ref _incarnation);
        var token = _stopping.Token;
        var message = new InboundMessage(delivery.Body, AmqpHeaders.ToInbound(delivery.BasicProperties))
        {
            MessageId = delivery.BasicProperties.MessageId,
            // A partitioned consumer's queue holds exactly the partition it was bound for.
            Partition = binding.Partitioned ? binding.InstanceIndex : null,
        };
        try
        {
            await handler(message, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Stopping: leave it unacknowledged; closing the channel returns it to the queue.
            return;
        }
#pragma warning disable CA1031 // Any handler failure must dead-letter the message rather than block the queue.
        catch (Exception failure)
#pragma warning restore CA1031
        {
            await DeadLetterAsync(delivery, incarnation, failure).ConfigureAwait(false);
            return;
        }

        await SettleAsync(delivery, incarnation, acknowledge: true).ConfigureAwait(false);
    }

    private async Task DeadLetterAsync(BasicDeliverEventArgs delivery, int incarnation, Exception failure)
    {
        if (deadLetterQueue is null)
        {
            RabbitMqBinder.Log.AnonymousDropped(logger, binding.Name, failure);
            await SettleAsync(delivery, incarnation, acknowledge: true).ConfigureAwait(false);
            return;
        }

        if (incarnation != Volatile.Read(ref _incarnation))
        {
            // The broker already requeued it; republishing now would put a second copy in the DLQ.
            RabbitMqBinder.Log.SettleSkipped(logger, binding.Name, delivery.BasicProperties.MessageId ?? "(no id)");
            return;
        }

        try
        {
            await binder.RepublishToDeadLetterAsync(queue, delivery, failure, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Fall back to the broker's own dead-lettering, as Spring does when republishToDlq=false.
        catch (Exception republishFailure)
#pragma warning restore CA1031
        {
            RabbitMqBinder.Log.RepublishFailed(logger, binding.Name, republishFailure);
            await SettleAsync(delivery, incarnation, acknowledge: false).ConfigureAwait(false);
            return;
        }

        RabbitMqBinder.Log.DeadLettered(logger, binding.Name, deadLetterQueue, failure);
        await SettleAsync(delivery, incarnation, acknowledge: true).ConfigureAwait(false);
    }

    /// <summary>Acks, or rejects without requeue, on the channel incarnation the message came from; else leaves it to redelivery.</summary>
    private async Task SettleAsync(BasicDeliverEventArgs delivery, int incarnation, bool acknowledge)
    {
        if (incarnation != Volatile.Read(ref _incarnation) || !channel.IsOpen)
        {
            RabbitMqBinder.Log.SettleSkipped(logger, binding.Name, delivery.BasicProperties.MessageId ?? "(no id)");
            return;
        }

        try
        {
            if (acknowledge)
            {
                await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, CancellationToken.None).ConfigureAwait(false);
            }
            else
            {
                await channel.BasicRejectAsync(delivery.DeliveryTag, requeue: false, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (AlreadyClosedException ex)
        {
            RabbitMqBinder.Log.SettleFailed(logger, binding.Name, delivery.BasicProperties.MessageId ?? "(no id)", ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            if (_consumerTag is not null && channel.IsOpen)
            {
                await channel.BasicCancelAsync(_consumerTag).ConfigureAwait(false);
            }

            await channel.CloseAsync().ConfigureAwait(false);
        }
        catch (AlreadyClosedException)
        {
            // The connection is down (and recovering); disposing below stops this channel's recovery.
        }

        await channel.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }
}
