using Microsoft.Extensions.Logging;
using Stratus.Bus;
using Stratus.Bus.Events;

namespace Stratus.ConfigServer.Refresh;

/// <summary>
/// Spring Cloud Config Monitor's bus side (<c>PropertyPathEndpoint</c>): for each application a change concerns, one
/// <see cref="RefreshRemoteApplicationEvent"/> from the server's bus id to <c>{application}:**</c> (<c>*:**</c> for a
/// change to <c>application.*</c>, which reaches every service), so each matching client refreshes from this server.
/// Does nothing unless the bus is added (<c>builder.AddStratusBus()</c>, or <c>Stratus:Bus:Enabled</c> in the
/// <c>stratus config-server</c> role), and nothing for the first fetch at start, which changes nothing a client holds.
/// </summary>
internal sealed partial class BusChangePublisher(IEnumerable<IBusPublisher> buses, ILogger<BusChangePublisher> logger) : IConfigChangePublisher
{
    public async Task PublishAsync(ConfigChange change, CancellationToken cancellationToken)
    {
        if (buses.FirstOrDefault() is not { } bus || change.Trigger == "start")
        {
            return;
        }

        foreach (var application in change.Applications)
        {
            // A bare name becomes "{name}:**" in the publisher, as Spring's deprecated String constructor the monitor uses does.
            await bus.PublishAsync(new RefreshRemoteApplicationEvent { DestinationService = application }, cancellationToken).ConfigureAwait(false);
        }

        Log.Published(logger, change.Applications, change.Trigger, bus.BusId);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1111, EventName = "ConfigChangeBusPublished", Level = LogLevel.Information,
            Message = "Published bus refresh events for {Applications} ({Trigger}) as {BusId}")]
        public static partial void Published(ILogger logger, IEnumerable<string> applications, string trigger, string busId);
    }
}
