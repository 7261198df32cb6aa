using Stratus.Eureka;

namespace Stratus.Registry.Replication;

/// <summary>One entry of a replication batch (Eureka's <c>ReplicationInstance</c>).</summary>
/// <param name="Action">What to apply.</param>
/// <param name="AppName">Application name.</param>
/// <param name="Id">Instance id.</param>
/// <param name="LastDirtyTimestamp">The sender's dirty timestamp for the instance, when it has a copy.</param>
/// <param name="OverriddenStatus">The sender's status override, when it has a copy.</param>
/// <param name="Status">The sender's status, when it has a copy.</param>
/// <param name="InstanceInfo">The whole instance; only for <see cref="ReplicationAction.Register"/>.</param>
internal sealed record ReplicationItem(
    ReplicationAction Action,
    string AppName,
    string Id,
    long? LastDirtyTimestamp,
    InstanceStatus? OverriddenStatus,
    InstanceStatus? Status,
    InstanceInfo? InstanceInfo);
