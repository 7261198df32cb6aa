using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Stratus.Eureka;
using Stratus.Eureka.Json;
using Stratus.Registry.Leases;

namespace Stratus.Registry.Replication;

/// <summary>
/// Copies the registry from a peer when a node starts, so a restarted node does not serve an empty catalogue.
/// Reads answer 403 until the copy is done (or <see cref="RegistryOptions.PeerSyncTimeout"/> passes), which makes
/// clients ask another node meanwhile. Runs in the background: it never delays start-up.
/// </summary>
internal sealed partial class PeerSync(
    IHttpClientFactory httpClients,
    InstanceRegistry registry,
    RegistryAccess access,
    IOptionsMonitor<RegistryOptions> options,
    TimeProvider time,
    ILogger<PeerSync> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var current = options.CurrentValue;
        if (current.PeerUrls.Count == 0 || current.PeerSyncTimeout <= TimeSpan.Zero)
        {
            return;
        }

        access.Close();
        var started = time.GetTimestamp();
        try
        {
            var peers = current.PeerUrls.Select(url => PeerEndpoint.Create(url, current)).ToArray();
            while (!stoppingToken.IsCancellationRequested && time.GetElapsedTime(started) < current.PeerSyncTimeout)
            {
                var nobodyHasARegistry = true;
                foreach (var peer in peers)
                {
                    var (count, hasRegistry) = await TryCopyFromAsync(peer, stoppingToken).ConfigureAwait(false);
                    if (count is { } copied)
                    {
                        LogSynced(logger, copied, peer.BaseUri);
                        return;
                    }

                    nobodyHasARegistry &= !hasRegistry;
                }

                if (nobodyHasARegistry)
                {
                    // Every peer is down or syncing itself (a whole cluster starting together): waiting would only
                    // keep every node answering 403. Serve what this node has, as Spring's Eureka server does.
                    LogNothingToCopy(logger);
                    return;
                }

                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken).ConfigureAwait(false);
            }

            LogGaveUp(logger, current.PeerSyncTimeout);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping before the copy finished.
        }
        finally
        {
            access.Open();
        }
    }

    /// <summary>Copies from one peer. <c>HasRegistry</c> is false when the peer refused the connection or is syncing too.</summary>
    private async Task<(int? Count, bool HasRegistry)> TryCopyFromAsync(PeerEndpoint peer, CancellationToken cancellationToken)
    {
        try
        {
            using var request = peer.Request(HttpMethod.Get, peer.AppsUri);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            using var response = await httpClients.CreateClient(PeerReplicator.HttpClientName).SendAsync(request, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                // A peer that is itself still syncing answers 403: try the next one.
                return (null, response.StatusCode != System.Net.HttpStatusCode.Forbidden);
            }

            var body = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
            var listing = EurekaJsonReader.ReadApplications(body, out var skipped);
            foreach (var problem in skipped)
            {
                LogSkipped(logger, problem);
            }

            var count = 0;
            foreach (var instance in listing.Applications.SelectMany(a => a.Instances))
            {
                registry.Register(instance with { ActionType = null }, isReplication: true);
                count++;
            }

            return (count, true);
        }
        catch (Exception ex) when (ex is HttpRequestException or EurekaFormatException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogPeerUnavailable(logger, peer.BaseUri, ex.Message);

            // Refused outright: nothing listens there. A timeout or a bad answer means a peer that may still hold a registry.
            return (null, !(ex is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError }));
        }
    }

    [LoggerMessage(EventId = 310, EventName = "PeerSyncDone", Level = LogLevel.Information, Message = "Copied {Count} instances from {Peer}; serving reads")]
    private static partial void LogSynced(ILogger logger, int count, Uri peer);

    [LoggerMessage(EventId = 311, EventName = "PeerSyncGaveUp", Level = LogLevel.Warning, Message = "No peer answered within {Timeout}; serving reads with what this node has")]
    private static partial void LogGaveUp(ILogger logger, TimeSpan timeout);

    [LoggerMessage(EventId = 314, EventName = "PeerSyncNothingToCopy", Level = LogLevel.Information, Message = "No peer holds a registry yet (all down or syncing); serving reads with what this node has")]
    private static partial void LogNothingToCopy(ILogger logger);

    [LoggerMessage(EventId = 312, EventName = "PeerSyncUnavailable", Level = LogLevel.Information, Message = "Peer {Peer} could not be copied from: {Reason}")]
    private static partial void LogPeerUnavailable(ILogger logger, Uri peer, string reason);

    [LoggerMessage(EventId = 313, EventName = "PeerSyncSkippedInstance", Level = LogLevel.Warning, Message = "Skipped a malformed instance while copying from a peer: {Problem}")]
    private static partial void LogSkipped(ILogger logger, string problem);
}
