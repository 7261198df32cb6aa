using Stratus.Eureka;

namespace Stratus.Registry.Replication;

/// <summary>The answer to one batch entry: a status code and, for a 409, the receiver's newer copy.</summary>
/// <param name="StatusCode">HTTP-style status code.</param>
/// <param name="Entity">The receiver's instance, sent back on a conflict.</param>
internal sealed record ReplicationOutcome(int StatusCode, InstanceInfo? Entity = null);
