using Microsoft.Extensions.Logging;

namespace Stratus.Observability.Tracing;

internal sealed partial class BoundedExportProcessor
{
    /// <summary>Span export log events, ids 100-199. Each is written once per outage, not per batch or per span.</summary>
    internal static partial class Log
    {
        [LoggerMessage(EventId = 101, EventName = "SpanExportFailing", Level = LogLevel.Warning,
            Message = "Span export to {Exporter} is failing; finished spans wait in a queue of {MaxQueueSize} and are dropped beyond it.")]
        public static partial void ExportFailing(ILogger logger, string exporter, int maxQueueSize, Exception? exception);

        [LoggerMessage(EventId = 102, EventName = "SpanExportRecovered", Level = LogLevel.Information,
            Message = "Span export to {Exporter} works again; {DroppedSpans} spans dropped since start.")]
        public static partial void ExportRecovered(ILogger logger, string exporter, long droppedSpans);

        [LoggerMessage(EventId = 103, EventName = "SpanQueueFull", Level = LogLevel.Warning,
            Message = "The span queue for {Exporter} is full ({MaxQueueSize}); new spans are dropped and counted in stratus.tracing.spans.dropped.")]
        public static partial void QueueFull(ILogger logger, string exporter, int maxQueueSize);
    }
}
