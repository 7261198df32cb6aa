using Microsoft.AspNetCore.Http;
using Stratus.Eureka;
using Stratus.Registry.Replication;

namespace Stratus.Registry.Leases;

/// <summary>
/// Eureka's renewal answer (<c>InstanceResource.renewLease</c>), shared by <c>PUT /apps/{app}/{id}</c> and the
/// replication batch: 404 when unknown, 404 when the caller's copy is newer (it must register again), 409 with our
/// copy when a replicating peer's copy is older, else 200. The lease is renewed in every found case.
/// </summary>
internal static class RenewalRules
{
    private static readonly ReplicationOutcome Ok = new(StatusCodes.Status200OK);
    private static readonly ReplicationOutcome NotFound = new(StatusCodes.Status404NotFound);

    public static ReplicationOutcome Renew(InstanceRegistry registry, string app, string id, long? lastDirty, InstanceStatus? overridden, bool isReplication)
    {
        if (!registry.Renew(app, id, isReplication))
        {
            return NotFound;
        }

        // Java clients send lastDirtyTimestamp with every heartbeat: compare against the stored record, and build the
        // client view (with lease figures) only for the rare 409.
        if (lastDirty is not { } callerDirty || registry.GetStored(app, id) is not { LastDirtyTimestamp: { } ourDirty } || callerDirty == ourDirty)
        {
            return Ok;
        }

        if (callerDirty > ourDirty)
        {
            if (isReplication && overridden is { } status && status != InstanceStatus.Unknown)
            {
                // The replicating node's override wins: keep it for when the instance registers again.
                registry.UpdateStatus(app, id, status, null);
            }

            return NotFound;
        }

        return isReplication
            ? new ReplicationOutcome(StatusCodes.Status409Conflict, registry.GetInstance(app, id))
            : Ok;
    }
}
