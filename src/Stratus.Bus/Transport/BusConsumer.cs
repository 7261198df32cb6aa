using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Stratus.Bus.Addressing;
using Stratus.Bus.Events;
using Stratus.Bus.Listening;

namespace Stratus.Bus.Transport;

/// <summary>
/// What Spring's <c>BusConsumer</c> does with each event from <c>springCloudBusInput</c>: acks are not acted on (ack
/// tracing is not built); an event addressed to this instance is acted on unless this instance sent it (it acted when
/// it published), and then acknowledged when acks are on, own events included, as Spring does. Unknown types and
/// events for others are skipped.
/// </summary>
internal sealed partial class BusConsumer(
    BusIdentity identity,
    BusListener listener,
    BusPublisher publisher,
    IOptionsMonitor<BusOptions> options,
    TimeProvider time,
    ILogger<BusConsumer> logger)
{
    public async Task OnReceivedAsync(RemoteApplicationEvent busEvent, CancellationToken cancellationToken)
    {
        switch (busEvent)
        {
            case AckRemoteApplicationEvent ack:
                Log.AckReceived(logger, ack.AckId, ack.OriginService);
                return;
            case UnknownRemoteApplicationEvent unknown:
                Log.UnknownType(logger, unknown.TypeInfo ?? "(none)", unknown.Id, unknown.OriginService);
                return;
        }

        var matcher = identity.Matcher;
        if (!matcher.IsForSelf(busEvent.DestinationService))
        {
            Log.NotForSelf(logger, busEvent.Type, busEvent.Id, busEvent.DestinationService, matcher.BusId);
            return;
        }

        var fromSelf = matcher.IsFromSelf(busEvent.OriginService);
        Log.Received(logger, busEvent.Type, busEvent.Id, busEvent.OriginService, fromSelf);
        if (!fromSelf)
        {
            await listener.ActAsync(busEvent, cancellationToken).ConfigureAwait(false);
        }

        var settings = options.CurrentValue.Ack;
        if (settings.Enabled)
        {
            var ack = new AckRemoteApplicationEvent
            {
                OriginService = matcher.BusId,
                DestinationService = BusDestination.From(settings.DestinationService),
                Timestamp = time.GetUtcNow(),
                AckId = busEvent.Id,
                AckDestinationService = busEvent.DestinationService,
                Event = busEvent.JavaClassName,
            };
            try
            {
                await publisher.SendAsync(ack, cancellationToken).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // The event was acted on; failing the message now would only make the broker redeliver it.
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                Log.AckFailed(logger, busEvent.Id, e);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2200, EventName = "BusEventReceived", Level = LogLevel.Debug,
            Message = "Received {Type} {EventId} from {Origin} (own event: {FromSelf})")]
        public static partial void Received(ILogger logger, string type, string eventId, string? origin, bool fromSelf);

        [LoggerMessage(EventId = 2201, EventName = "BusEventNotForSelf", Level = LogLevel.Debug,
            Message = "Skipped {Type} {EventId}: its destination {Destination} does not match bus id {BusId}")]
        public static partial void NotForSelf(ILogger logger, string type, string eventId, string? destination, string busId);

        [LoggerMessage(EventId = 2202, EventName = "BusEventOfUnknownType", Level = LogLevel.Debug,
            Message = "Skipped a bus event of unknown type {TypeInfo} ({EventId}, from {Origin})")]
        public static partial void UnknownType(ILogger logger, string typeInfo, string eventId, string? origin);

        [LoggerMessage(EventId = 2203, EventName = "BusAckReceived", Level = LogLevel.Debug,
            Message = "Ack of {AckId} from {Origin}")]
        public static partial void AckReceived(ILogger logger, string? ackId, string? origin);

        [LoggerMessage(EventId = 2204, EventName = "BusAckFailed", Level = LogLevel.Warning,
            Message = "Could not publish the ack of bus event {EventId}")]
        public static partial void AckFailed(ILogger logger, string eventId, Exception exception);
    }
}
