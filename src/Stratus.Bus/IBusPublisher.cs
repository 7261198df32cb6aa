using Stratus.Bus.Events;

namespace Stratus.Bus;

/// <summary>Publishes Spring Cloud Bus events, as Spring's <c>ApplicationEventPublisher</c> does for a <c>RemoteApplicationEvent</c>.</summary>
public interface IBusPublisher
{
    /// <summary>This instance's bus id (<c>Stratus:Bus:Id</c> or the default described there), the origin of what it publishes.</summary>
    string BusId { get; }

    /// <summary>
    /// Publishes <paramref name="busEvent"/> to the <c>springCloudBusOutput</c> binding and, when it is addressed to this
    /// instance too, acts on it here as well (Spring's local listeners do). Sets a missing origin to <see cref="BusId"/>
    /// and a missing timestamp to now, and completes the destination as Spring does (<c>customers</c> →
    /// <c>customers:**</c>, none → <c>**</c>). Completes when the broker has confirmed the message.
    /// </summary>
    /// <param name="busEvent">A refresh, environment-change or shutdown event (acks are sent by the bus itself).</param>
    /// <param name="cancellationToken">Cancels waiting; the event may still be delivered.</param>
    /// <returns>A task that completes on the broker's confirm and after acting here.</returns>
    Task PublishAsync(RemoteApplicationEvent busEvent, CancellationToken cancellationToken);
}
