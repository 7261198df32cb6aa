using System.Diagnostics.Metrics;

namespace Stratus.Observability;

/// <summary>
/// Counts of the span export queue, one per host. Also published as the counter <c>stratus.tracing.spans.dropped</c> on the
/// <c>Stratus.Observability</c> meter.
/// </summary>
public sealed class TracingExportStatistics
{
    /// <summary>The meter name: <c>Stratus.Observability</c>.</summary>
    public const string MeterName = "Stratus.Observability";

    private long _dropped;
    private long _exported;

    internal TracingExportStatistics(IMeterFactory? meterFactory)
    {
        var meter = meterFactory?.Create(MeterName);
        meter?.CreateObservableCounter("stratus.tracing.spans.dropped", () => DroppedSpans, unit: "{span}", description: "Finished spans dropped because the export queue was full.");
        meter?.CreateObservableCounter("stratus.tracing.spans.exported", () => ExportedSpans, unit: "{span}", description: "Spans handed to an exporter that reported success.");
    }

    /// <summary>Finished, sampled spans dropped because an exporter's queue was full, since start.</summary>
    public long DroppedSpans => Interlocked.Read(ref _dropped);

    /// <summary>Spans an exporter reported as sent, since start.</summary>
    public long ExportedSpans => Interlocked.Read(ref _exported);

    internal void OnDropped() => Interlocked.Increment(ref _dropped);

    internal void OnExported(int count) => Interlocked.Add(ref _exported, count);
}
