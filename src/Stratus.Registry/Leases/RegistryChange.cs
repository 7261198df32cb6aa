using Stratus.Eureka;

namespace Stratus.Registry.Leases;

/// <summary>An entry of the recent-change queue that deltas are served from.</summary>
/// <param name="Timestamp">When it changed (epoch ms).</param>
/// <param name="Instance">The instance as it was right after the change, with its <c>actionType</c>.</param>
internal sealed record RegistryChange(long Timestamp, InstanceInfo Instance);
