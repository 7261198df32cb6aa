using Microsoft.Extensions.Logging;

namespace Stratus.Registry.Replication;

internal sealed partial class PeerReplicator
{
    /// <summary>Replication block: event ids 300-399. Peer URLs are logged without credentials.</summary>
    internal static partial class Log
    {
        [LoggerMessage(EventId = 300, EventName = "ReplicationQueueFull", Level = LogLevel.Warning,
            Message = "Replication queue for {Peer} is full; dropped the oldest change ({AppName}/{InstanceId})")]
        public static partial void QueueFull(ILogger logger, string peer, string appName, string instanceId);

        [LoggerMessage(EventId = 301, EventName = "ReplicationRetry", Level = LogLevel.Warning,
            Message = "Replication to {Peer} failed (attempt {Attempt}): {Reason}")]
        public static partial void BatchRetry(ILogger logger, string peer, int attempt, string reason);

        [LoggerMessage(EventId = 302, EventName = "ReplicationBatchDropped", Level = LogLevel.Error,
            Message = "Gave up replicating {Count} changes to {Peer}: {Reason}; renewals will repair it")]
        public static partial void BatchDropped(ILogger logger, string peer, int count, string reason);

        [LoggerMessage(EventId = 303, EventName = "PeerMissingInstance", Level = LogLevel.Information,
            Message = "{Peer} does not know {AppName}/{InstanceId}; registering it there")]
        public static partial void PeerMissingInstance(ILogger logger, Uri peer, string appName, string instanceId);

        [LoggerMessage(EventId = 304, EventName = "ReplicationStoppedWithPending", Level = LogLevel.Warning,
            Message = "Stopped before every queued change reached the peers")]
        public static partial void StoppedWithPending(ILogger logger);
    }
}
