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
    public static ReplicationOutcome Renew(InstanceRegistry registry, string app, string id, long? lastDirty, InstanceStatus? overridden, bool isReplication)
    {
        if (!registry.Renew(app, id, isReplication))
        {
            return new ReplicationOutcome(StatusCodes.Status404NotFound);
        }

        if (lastDirty is not { } callerDirty || registry.GetInstance(app, id) is not { LastDirtyTimestamp: { } ourDirty } stored || callerDirty == ourDirty)
        {
            return new ReplicationOutcome(StatusCodes.Status200OK);
        }

        if (callerDirty > ourDirty)
        {
            if (isReplication && overridden is { } status && status != InstanceStatus.Unknown)
            {
                // The replicating node's override wins: keep it for when the instance registers again.
                registry.UpdateStatus(app, id, status, null);
            }

            return new ReplicationOutcome(StatusCodes.Status404NotFound);
        }

        return isReplication
            ? new ReplicationOutcome(StatusCodes.Status409Conflict, stored)
            : new ReplicationOutcome(StatusCodes.Status200OK);
    }
}
