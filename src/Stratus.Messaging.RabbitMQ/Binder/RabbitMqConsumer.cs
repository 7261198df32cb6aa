using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using Stratus.Messaging.Binding;

namespace Stratus.Messaging.RabbitMQ.Binder;

/// <summary>One consuming channel: manual acks after the handler, failures to the DLQ, never a blocked queue.</summary>
internal sealed class RabbitMqConsumer(
    RabbitMqBinder binder,
    ConsumerBinding binding,
    string queue,
    IChannel channel,
    Func<InboundMessage, CancellationToken, Task> handler,
    ILogger logger) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private string? _consumerTag;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += OnReceivedAsync;
        _consumerTag = await channel.BasicConsumeAsync(queue, autoAck: false, consumer, cancellationToken).ConfigureAwait(false);
    }

    private async Task OnReceivedAsync(object sender, BasicDeliverEventArgs delivery)
    {
        var token = _stopping.Token;
        try
        {
            await handler(new InboundMessage(delivery.Body), token).ConfigureAwait(false);
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
            await DeadLetterAsync(delivery, failure).ConfigureAwait(false);
            return;
        }

        await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, CancellationToken.None).ConfigureAwait(false);
    }

    private async Task DeadLetterAsync(BasicDeliverEventArgs delivery, Exception failure)
    {
        if (binding.Group is null)
        {
            RabbitMqBinder.Log.AnonymousDropped(logger, binding.Name, failure);
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, CancellationToken.None).ConfigureAwait(false);
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
            await channel.BasicRejectAsync(delivery.DeliveryTag, requeue: false, CancellationToken.None).ConfigureAwait(false);
            return;
        }

        var deadLetterQueue = RabbitMqTopology.DeadLetterQueue(queue);
        RabbitMqBinder.Log.DeadLettered(logger, binding.Name, deadLetterQueue, failure);
        await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, CancellationToken.None).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_consumerTag is not null && channel.IsOpen)
        {
            await channel.BasicCancelAsync(_consumerTag).ConfigureAwait(false);
        }

        await channel.CloseAsync().ConfigureAwait(false);
        await channel.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }
}
