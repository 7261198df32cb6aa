using Microsoft.Extensions.Logging;

namespace Stratus.Messaging.RabbitMQ.Binder;

internal sealed partial class RabbitMqConnection
{
    // Endpoints are logged through RabbitMqTopology.Describe: scheme, host, port and virtual host, never credentials.
    private static partial class Log
    {
        [LoggerMessage(EventId = 2100, EventName = "RabbitMqConnected", Level = LogLevel.Information,
            Message = "Connected to RabbitMQ {Version} at {Endpoint}")]
        public static partial void Connected(ILogger logger, string endpoint, string version);

        [LoggerMessage(EventId = 2104, EventName = "RabbitMqConnectFailed", Level = LogLevel.Warning,
            Message = "Connecting to RabbitMQ at {Endpoint} failed (attempt {Attempt} of {MaxAttempts}): {Reason}; retrying in {Delay}")]
        public static partial void ConnectFailed(ILogger logger, string endpoint, int attempt, int maxAttempts, TimeSpan delay, string reason);

        [LoggerMessage(EventId = 2105, EventName = "RabbitMqConnectionLost", Level = LogLevel.Warning,
            Message = "Connection to RabbitMQ at {Endpoint} lost ({Reason}); recovering it every {RecoveryInterval}")]
        public static partial void ConnectionLost(ILogger logger, string endpoint, string reason, TimeSpan recoveryInterval);

        [LoggerMessage(EventId = 2106, EventName = "RabbitMqRecovered", Level = LogLevel.Information,
            Message = "Connection to RabbitMQ at {Endpoint} recovered with its channels and consumers")]
        public static partial void Recovered(ILogger logger, string endpoint);

        [LoggerMessage(EventId = 2107, EventName = "RabbitMqRecoveryFailed", Level = LogLevel.Warning,
            Message = "Recovering the connection to RabbitMQ at {Endpoint} failed: {Reason}; trying again in {RecoveryInterval}")]
        public static partial void RecoveryFailed(ILogger logger, string endpoint, string reason, TimeSpan recoveryInterval);

        [LoggerMessage(EventId = 2108, EventName = "RabbitMqCallbackFailed", Level = LogLevel.Error,
            Message = "A callback of the RabbitMQ client on the connection to {Endpoint} failed")]
        public static partial void CallbackFailed(ILogger logger, string endpoint, Exception exception);

        [LoggerMessage(EventId = 2109, EventName = "RabbitMqBlocked", Level = LogLevel.Warning,
            Message = "RabbitMQ at {Endpoint} blocked the connection ({Reason}): publishes wait until it unblocks")]
        public static partial void Blocked(ILogger logger, string endpoint, string reason);
    }
}
