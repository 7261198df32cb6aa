namespace Stratus.Registry.Replication;

/// <summary>The actions of Eureka's peer replication batch (<c>action</c> on the wire).</summary>
internal enum ReplicationAction
{
    Heartbeat,
    Register,
    Cancel,
    StatusUpdate,
    DeleteStatusOverride,
}
