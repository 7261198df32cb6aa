using Microsoft.Extensions.Logging;

namespace Stratus.Registry.Leases;

internal sealed partial class InstanceRegistry
{
    /// <summary>Leases block: event ids 100-199.</summary>
    internal static partial class Log
    {
        [LoggerMessage(EventId = 100, EventName = "Registered", Level = LogLevel.Information,
            Message = "Registered {AppName}/{InstanceId} with status {Status} (replication: {IsReplication})")]
        public static partial void Registered(ILogger logger, string appName, string instanceId, Stratus.Eureka.InstanceStatus status, bool isReplication);

        [LoggerMessage(EventId = 101, EventName = "Cancelled", Level = LogLevel.Information,
            Message = "Cancelled {AppName}/{InstanceId} (replication: {IsReplication})")]
        public static partial void Cancelled(ILogger logger, string appName, string instanceId, bool isReplication);

        [LoggerMessage(EventId = 102, EventName = "Evicted", Level = LogLevel.Warning,
            Message = "Evicted {AppName}/{InstanceId}: its lease expired")]
        public static partial void Evicted(ILogger logger, string appName, string instanceId);

        [LoggerMessage(EventId = 103, EventName = "EvictionCapped", Level = LogLevel.Warning,
            Message = "{Expired} leases expired; evicting {Evicting} at random, the most one pass may take")]
        public static partial void EvictionCapped(ILogger logger, int expired, int evicting);

        [LoggerMessage(EventId = 104, EventName = "SelfPreservationHolding", Level = LogLevel.Warning,
            Message = "Self-preservation holds evictions: {Renewals} renewals in the last minute, threshold {Threshold}")]
        public static partial void SelfPreservationHolding(ILogger logger, long renewals, int threshold);

        [LoggerMessage(EventId = 105, EventName = "KeptNewerRegistration", Level = LogLevel.Debug,
            Message = "Registration of {AppName}/{InstanceId} is older than the stored one; keeping the stored one")]
        public static partial void KeptNewerRegistration(ILogger logger, string appName, string instanceId);
    }
}
