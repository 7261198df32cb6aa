using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Stratus.Bus.Addressing;

namespace Stratus.Bus.Transport;

/// <summary>
/// Hands the consumer to the <see cref="BusInbox"/>, and once the application has started (the server listens, so the
/// default id gets its port) fixes and logs the bus id.
/// </summary>
internal sealed partial class BusStartup(
    BusInbox inbox,
    BusConsumer consumer,
    BusIdentity identity,
    IOptions<BusOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<BusStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        inbox.Attach(consumer);
        lifetime.ApplicationStarted.Register(() => Log.Started(logger, identity.Id, options.Value.Destination));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(EventId = 2230, EventName = "BusStarted", Level = LogLevel.Information,
            Message = "Spring Cloud Bus on destination {Destination} with bus id {BusId}")]
        public static partial void Started(ILogger logger, string busId, string destination);
    }
}
