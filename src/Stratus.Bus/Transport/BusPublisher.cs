using Microsoft.Extensions.Logging;
using Stratus.Bus.Addressing;
using Stratus.Bus.Events;
using Stratus.Bus.Listening;
using Stratus.Messaging;

namespace Stratus.Bus.Transport;

/// <summary>
/// Sends events to the <c>springCloudBusOutput</c> binding through Stratus messaging (JSON, <c>contentType</c>
/// <c>application/json</c>, confirmed by the broker), and acts on them here when they are addressed to this instance.
/// The broker gets them first, so the other instances start while this one acts.
/// </summary>
internal sealed partial class BusPublisher(IMessagePublisher messages, BusIdentity identity, BusListener listener, TimeProvider time, ILogger<BusPublisher> logger) : IBusPublisher
{
    public string BusId => identity.Id;

    public async Task PublishAsync(RemoteApplicationEvent busEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(busEvent);
        if (busEvent is UnknownRemoteApplicationEvent or AckRemoteApplicationEvent)
        {
            throw new ArgumentException($"A {busEvent.Type} cannot be published: acks are sent by the bus itself, and an unknown event is only read.", nameof(busEvent));
        }

        var complete = busEvent with
        {
            OriginService = busEvent.OriginService ?? identity.Id,
            Timestamp = busEvent.Timestamp == default ? time.GetUtcNow() : busEvent.Timestamp,
            DestinationService = BusDestination.From(busEvent.DestinationService),
        };
        await SendAsync(complete, cancellationToken).ConfigureAwait(false);
        if (identity.Matcher.IsForSelf(complete.DestinationService))
        {
            await listener.ActAsync(complete, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sends as it is, without acting here: for acks and for what <see cref="PublishAsync"/> completed.</summary>
    public async Task SendAsync(RemoteApplicationEvent busEvent, CancellationToken cancellationToken)
    {
        await messages.PublishAsync(BusBindings.Output, busEvent, headers: null, cancellationToken).ConfigureAwait(false);
        Log.Published(logger, busEvent.Type, busEvent.Id, busEvent.DestinationService ?? BusDestination.Everyone);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2220, EventName = "BusEventPublished", Level = LogLevel.Debug,
            Message = "Published {Type} {EventId} to {Destination}")]
        public static partial void Published(ILogger logger, string type, string eventId, string destination);
    }
}
