using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Stratus.Bus.Environment;
using Stratus.Bus.Events;
using Stratus.Config;

namespace Stratus.Bus.Listening;

/// <summary>
/// Acts on an event addressed to this instance, as Spring's listeners do: a refresh fetches from the config server
/// through <see cref="ConfigRefresher"/> (the same as <c>POST /actuator/refresh</c>; without the config client there is
/// nothing to fetch, and local files reload by themselves), an environment change sets values above every source, a
/// shutdown stops the application when allowed. A failure is logged; it never fails the message.
/// </summary>
internal sealed partial class BusListener(
    BusEnvironment environment,
    IOptionsMonitor<BusOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<BusListener> logger,
    ConfigRefresher? refresher = null)
{
    public async Task ActAsync(RemoteApplicationEvent busEvent, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        try
        {
            switch (busEvent)
            {
                case RefreshRemoteApplicationEvent when settings.Refresh.Enabled:
                    await RefreshAsync(busEvent, cancellationToken).ConfigureAwait(false);
                    break;
                case EnvironmentChangeRemoteApplicationEvent change when settings.Env.Enabled:
                    var keys = environment.Apply(change.Values);
                    Log.EnvironmentChanged(logger, keys.Count, keys, change.Id, change.OriginService);
                    break;
                case ShutdownRemoteApplicationEvent when settings.Shutdown.Enabled:
                    Log.ShutdownRequested(logger, busEvent.Id, busEvent.OriginService);
                    lifetime.StopApplication();
                    break;
                case ShutdownRemoteApplicationEvent:
                    Log.ShutdownDisabled(logger, busEvent.Id, busEvent.OriginService);
                    break;
                default:
                    Log.ListenerDisabled(logger, busEvent.Type, busEvent.Id);
                    break;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // A listener failure is this instance's problem; failing the message would only redeliver it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Log.ActFailed(logger, busEvent.Type, busEvent.Id, e);
        }
    }

    private async Task RefreshAsync(RemoteApplicationEvent busEvent, CancellationToken cancellationToken)
    {
        if (refresher is null)
        {
            Log.NoConfigClient(logger, busEvent.Id);
            return;
        }

        try
        {
            var keys = await refresher.RefreshAsync(cancellationToken).ConfigureAwait(false);
            Log.Refreshed(logger, keys.Count, keys, busEvent.Id, busEvent.OriginService);
        }
        catch (ConfigServerUnavailableException e)
        {
            Log.RefreshFailed(logger, busEvent.Id, e.Message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2210, EventName = "BusRefreshed", Level = LogLevel.Information,
            Message = "Refreshed on bus event {EventId} from {Origin}: {Count} keys changed: {Keys}")]
        public static partial void Refreshed(ILogger logger, int count, IEnumerable<string> keys, string eventId, string? origin);

        [LoggerMessage(EventId = 2211, EventName = "BusRefreshFailed", Level = LogLevel.Warning,
            Message = "Refresh on bus event {EventId} failed, current values stay: {Problem}")]
        public static partial void RefreshFailed(ILogger logger, string eventId, string problem);

        [LoggerMessage(EventId = 2212, EventName = "BusRefreshWithoutConfigClient", Level = LogLevel.Debug,
            Message = "Refresh on bus event {EventId}: no config client, nothing to fetch")]
        public static partial void NoConfigClient(ILogger logger, string eventId);

        [LoggerMessage(EventId = 2213, EventName = "BusEnvironmentChanged", Level = LogLevel.Information,
            Message = "Set {Count} values from bus event {EventId} from {Origin}: {Keys}")]
        public static partial void EnvironmentChanged(ILogger logger, int count, IEnumerable<string> keys, string eventId, string? origin);

        [LoggerMessage(EventId = 2214, EventName = "BusShutdownRequested", Level = LogLevel.Warning,
            Message = "Stopping the application: shutdown requested by bus event {EventId} from {Origin}")]
        public static partial void ShutdownRequested(ILogger logger, string eventId, string? origin);

        [LoggerMessage(EventId = 2215, EventName = "BusShutdownDisabled", Level = LogLevel.Warning,
            Message = "Ignored the shutdown request of bus event {EventId} from {Origin}: Stratus:Bus:Shutdown:Enabled is false")]
        public static partial void ShutdownDisabled(ILogger logger, string eventId, string? origin);

        [LoggerMessage(EventId = 2216, EventName = "BusListenerDisabled", Level = LogLevel.Debug,
            Message = "Not acting on {Type} {EventId}: its listener is switched off")]
        public static partial void ListenerDisabled(ILogger logger, string type, string eventId);

        [LoggerMessage(EventId = 2217, EventName = "BusActFailed", Level = LogLevel.Error,
            Message = "Acting on {Type} {EventId} failed")]
        public static partial void ActFailed(ILogger logger, string type, string eventId, Exception exception);
    }
}
