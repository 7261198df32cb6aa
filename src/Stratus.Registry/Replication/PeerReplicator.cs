using System.Threading.Channels;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Stratus.Eureka;
using Stratus.Registry.Leases;

namespace Stratus.Registry.Replication;

/// <summary>
/// Sends changes made by clients to every other node, in Eureka's batch format: one bounded queue per peer
/// (oldest dropped when full), batches of up to <see cref="RegistryOptions.ReplicationBatchSize"/> gathered for
/// <see cref="RegistryOptions.ReplicationBatchDelay"/>, retried with back-off. A heartbeat the peer does not know
/// is followed by a registration; a peer's newer copy (409) is taken locally.
/// </summary>
internal sealed partial class PeerReplicator(
    IHttpClientFactory httpClients,
    InstanceRegistry registry,
    IOptionsMonitor<RegistryOptions> options,
    IServer server,
    TimeProvider time,
    ILogger<PeerReplicator> logger) : IHostedService, IDisposable
{
    public const string HttpClientName = "Stratus.Registry.Peers";
    private const int QueueCapacity = 10_000;
    private const int MaxAttempts = 5;

    private readonly CancellationTokenSource _stopping = new();
    private readonly List<(PeerEndpoint Peer, Channel<ReplicationItem> Queue, Task Loop)> _peers = [];
    private long _batchesSent;

    public long BatchesSent => Interlocked.Read(ref _batchesSent);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var current = options.CurrentValue;
        foreach (var url in current.PeerUrls)
        {
            var peer = PeerEndpoint.Create(url, current);
            var queue = Channel.CreateBounded<ReplicationItem>(new BoundedChannelOptions(QueueCapacity)
            {
                FullMode = BoundedChannelFullMode.DropOldest,
                SingleReader = true,
            }, dropped => Log.QueueFull(logger, peer.ToString(), dropped.AppName, dropped.Id));
            _peers.Add((peer, queue, Task.Run(() => SendLoopAsync(peer, queue.Reader, _stopping.Token), CancellationToken.None)));
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var (_, queue, _) in _peers)
        {
            queue.Writer.TryComplete();
        }

        try
        {
            // Give queued changes a moment to reach the peers, then stop.
            await Task.WhenAll(_peers.Select(p => p.Loop)).WaitAsync(TimeSpan.FromSeconds(2), time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            Log.StoppedWithPending(logger);
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
    }

    public void Dispose() => _stopping.Dispose();

    /// <summary>Queues one client change for every peer. Replicated requests are never passed here, so nothing loops.</summary>
    public void Enqueue(ReplicationAction action, string app, string id, InstanceInfo? info, InstanceStatus? status)
    {
        if (_peers.Count == 0)
        {
            return;
        }

        var item = CreateItem(action, app, id, info ?? registry.GetStored(app, id), status);
        foreach (var (_, queue, _) in _peers)
        {
            queue.Writer.TryWrite(item);
        }
    }

    private static ReplicationItem CreateItem(ReplicationAction action, string app, string id, InstanceInfo? info, InstanceStatus? status) =>
        new(
            action,
            app.ToUpperInvariant(),
            id,
            info?.LastDirtyTimestamp,
            info?.OverriddenStatus,
            status ?? info?.Status,
            action == ReplicationAction.Register ? info : null);

    private async Task SendLoopAsync(PeerEndpoint peer, ChannelReader<ReplicationItem> reader, CancellationToken cancellationToken)
    {
        var batch = new List<ReplicationItem>();
        try
        {
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (IsSelf(peer))
                {
                    while (reader.TryRead(out _))
                    {
                    }

                    continue;
                }

                // Let a burst gather into one batch.
                await Task.Delay(options.CurrentValue.ReplicationBatchDelay, time, cancellationToken).ConfigureAwait(false);
                var size = options.CurrentValue.ReplicationBatchSize;
                while (batch.Count < size && reader.TryRead(out var item))
                {
                    batch.Add(item);
                }

                await SendWithRetriesAsync(peer, batch, cancellationToken).ConfigureAwait(false);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task SendWithRetriesAsync(PeerEndpoint peer, List<ReplicationItem> batch, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(100);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var outcomes = await SendAsync(peer, batch, cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref _batchesSent);
                HandleOutcomes(peer, batch, outcomes);
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or EurekaFormatException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                if (attempt >= MaxAttempts)
                {
                    Log.BatchDropped(logger, peer.ToString(), batch.Count, ex.Message);
                    return;
                }

                Log.BatchRetry(logger, peer.ToString(), attempt, ex.Message);
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
                delay *= 2;
            }
        }
    }

    private async Task<IReadOnlyList<ReplicationOutcome>> SendAsync(PeerEndpoint peer, List<ReplicationItem> batch, CancellationToken cancellationToken)
    {
        using var request = peer.Request(HttpMethod.Post, peer.BatchUri);
        request.Content = new ByteArrayContent(ReplicationBatchCodec.WriteRequest(batch));
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        var client = httpClients.CreateClient(HttpClientName);
        using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"peer answered {(int)response.StatusCode}", null, response.StatusCode);
        }

        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return ReplicationBatchCodec.ReadResponse(body);
    }

    private void HandleOutcomes(PeerEndpoint peer, List<ReplicationItem> batch, IReadOnlyList<ReplicationOutcome> outcomes)
    {
        for (var i = 0; i < batch.Count && i < outcomes.Count; i++)
        {
            var item = batch[i];
            var outcome = outcomes[i];
            if (item.Action == ReplicationAction.Heartbeat && outcome.StatusCode == 404 && registry.GetInstance(item.AppName, item.Id) is { } ours)
            {
                // The peer lacks the instance (or holds an older copy): send it ours.
                Log.PeerMissingInstance(logger, peer.BaseUri, item.AppName, item.Id);
                EnqueueTo(peer, CreateItem(ReplicationAction.Register, item.AppName, item.Id, ours, null));
            }
            else if (outcome.StatusCode == 409 && outcome.Entity is { } theirs)
            {
                // The peer's copy is newer: take it as a replicated registration.
                registry.Register(theirs, isReplication: true);
            }
        }
    }

    private void EnqueueTo(PeerEndpoint peer, ReplicationItem item)
    {
        foreach (var (candidate, queue, _) in _peers)
        {
            if (ReferenceEquals(candidate, peer))
            {
                queue.Writer.TryWrite(item);
            }
        }
    }

    /// <summary>A peer list shared by every node may name this node too; it must not replicate to itself.</summary>
    private bool IsSelf(PeerEndpoint peer)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            if (Uri.TryCreate(address, UriKind.Absolute, out var own) && own.Port == peer.BaseUri.Port
                && (string.Equals(own.Host, peer.BaseUri.Host, StringComparison.OrdinalIgnoreCase) || (own.IsLoopback && peer.BaseUri.IsLoopback)))
            {
                return true;
            }
        }

        return false;
    }
}
