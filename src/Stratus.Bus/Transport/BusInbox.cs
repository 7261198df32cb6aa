using Stratus.Bus.Events;

namespace Stratus.Bus.Transport;

/// <summary>
/// The handler given to the messaging consumer when the bus is added, before the container exists: it hands each
/// event to the <see cref="BusConsumer"/> the container makes, waiting for it if a message arrives before the bus's
/// hosted service has started (the messaging host may start first).
/// </summary>
internal sealed class BusInbox
{
    private readonly TaskCompletionSource<BusConsumer> _consumer = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Attach(BusConsumer consumer) => _consumer.TrySetResult(consumer);

    public async Task HandleAsync(RemoteApplicationEvent busEvent, CancellationToken cancellationToken)
    {
        var consumer = await _consumer.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        await consumer.OnReceivedAsync(busEvent, cancellationToken).ConfigureAwait(false);
    }
}
