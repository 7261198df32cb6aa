using Microsoft.Extensions.Logging;

namespace Stratus.Messaging.RabbitMQ.Binder;

internal sealed partial class RabbitMqBinder
{
    internal static partial class Log
    {
        [LoggerMessage(EventId = 2101, EventName = "RabbitMqDeadLettered", Level = LogLevel.Error,
            Message = "Message on binding '{Binding}' failed and was republished to '{DeadLetterQueue}'")]
        public static partial void DeadLettered(ILogger logger, string binding, string deadLetterQueue, Exception exception);

        [LoggerMessage(EventId = 2102, EventName = "RabbitMqAnonymousDropped", Level = LogLevel.Error,
            Message = "Message on anonymous binding '{Binding}' failed and was dropped: anonymous consumers have no dead-letter queue")]
        public static partial void AnonymousDropped(ILogger logger, string binding, Exception exception);

        [LoggerMessage(EventId = 2103, EventName = "RabbitMqRepublishFailed", Level = LogLevel.Error,
            Message = "Republishing a failed message on binding '{Binding}' to the dead-letter exchange failed; rejecting it so the queue's x-dead-letter-exchange takes it")]
        public static partial void RepublishFailed(ILogger logger, string binding, Exception exception);

        [LoggerMessage(EventId = 2110, EventName = "RabbitMqSettleSkipped", Level = LogLevel.Warning,
            Message = "Message {MessageId} on binding '{Binding}' was received on a channel that has since closed; not acknowledging it: the broker redelivers it")]
        public static partial void SettleSkipped(ILogger logger, string binding, string messageId);

        [LoggerMessage(EventId = 2111, EventName = "RabbitMqSettleFailed", Level = LogLevel.Warning,
            Message = "Acknowledging message {MessageId} on binding '{Binding}' failed: the channel closed; the broker redelivers it")]
        public static partial void SettleFailed(ILogger logger, string binding, string messageId, Exception exception);
    }
}
