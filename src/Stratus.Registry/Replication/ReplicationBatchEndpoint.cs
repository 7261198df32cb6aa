using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Stratus.Eureka;
using Stratus.Registry.Http;
using Stratus.Registry.Leases;
using Stratus.Registry.Security;

namespace Stratus.Registry.Replication;

/// <summary>
/// <c>POST /eureka/peerreplication/batch</c>: applies each entry as a replicated call (never sent on, so nothing
/// loops) and answers one status per entry. A bad entry gets its own 400; the rest of the batch still applies.
/// </summary>
internal sealed class ReplicationBatchEndpoint(InstanceRegistry registry, IOptionsMonitor<RegistryOptions> options)
{
    private long _batches;

    /// <summary>Batches received, for tests and the dashboard.</summary>
    public long BatchesReceived => Interlocked.Read(ref _batches);

    public async Task HandleAsync(HttpContext context)
    {
        if (!WriteAuthorization.IsAuthorized(context, options.CurrentValue))
        {
            await WriteAuthorization.ChallengeAsync(context).ConfigureAwait(false);
            return;
        }

        var limit = options.CurrentValue.MaxRequestBodySize;
        if (await RequestBody.ReadAsync(context, limit).ConfigureAwait(false) is not { } body)
        {
            await RequestBody.TooLargeAsync(context, limit).ConfigureAwait(false);
            return;
        }

        IReadOnlyList<(ReplicationItem? Item, string? Problem)> items;
        try
        {
            items = ReplicationBatchCodec.ReadRequest(body);
        }
        catch (EurekaFormatException ex)
        {
            await RequestBody.TextAsync(context, StatusCodes.Status400BadRequest, ex.Message).ConfigureAwait(false);
            return;
        }

        Interlocked.Increment(ref _batches);
        var outcomes = items.Select(entry => entry.Item is null ? new ReplicationOutcome(StatusCodes.Status400BadRequest) : Apply(entry.Item)).ToArray();
        var bytes = ReplicationBatchCodec.WriteResponse(outcomes);
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }

    internal ReplicationOutcome Apply(ReplicationItem item)
    {
        switch (item.Action)
        {
            case ReplicationAction.Register:
                if (item.InstanceInfo is not { } info || RegistrationValidator.Validate(InstanceIdFallback.Apply(info), item.AppName) is not null)
                {
                    return new ReplicationOutcome(StatusCodes.Status400BadRequest);
                }

                registry.Register(InstanceIdFallback.Apply(info), isReplication: true);
                return new ReplicationOutcome(StatusCodes.Status200OK);
            case ReplicationAction.Heartbeat:
                return RenewalRules.Renew(registry, item.AppName, item.Id, item.LastDirtyTimestamp, item.OverriddenStatus, isReplication: true);
            case ReplicationAction.Cancel:
                return Found(registry.Cancel(item.AppName, item.Id, isReplication: true));
            case ReplicationAction.StatusUpdate:
                return item.Status is { } status
                    ? Found(registry.UpdateStatus(item.AppName, item.Id, status, item.LastDirtyTimestamp))
                    : new ReplicationOutcome(StatusCodes.Status400BadRequest);
            case ReplicationAction.DeleteStatusOverride:
                return Found(registry.DeleteStatusOverride(item.AppName, item.Id, item.Status ?? InstanceStatus.Unknown, item.LastDirtyTimestamp));
            default:
                return new ReplicationOutcome(StatusCodes.Status400BadRequest);
        }
    }

    private static ReplicationOutcome Found(bool found) =>
        new(found ? StatusCodes.Status200OK : StatusCodes.Status404NotFound);
}
