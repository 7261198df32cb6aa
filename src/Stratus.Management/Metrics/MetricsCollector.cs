using OpenTelemetry.Metrics;

namespace Stratus.Management.Metrics;

/// <summary>
/// Our reader on the application's OpenTelemetry meter provider (cumulative, so values read as Micrometer's do),
/// collected only when the <c>metrics</c> endpoint asks. The meter provider owns and disposes the reader.
/// </summary>
#pragma warning disable CA1001 // The exporter belongs to the reader, which the meter provider disposes.
internal sealed class MetricsCollector
#pragma warning restore CA1001
{
    private readonly Lock _gate = new();
    private readonly MetricsSnapshotExporter _exporter = new();

    public MetricsCollector() => Reader = new BaseExportingMetricReader(_exporter) { TemporalityPreference = MetricReaderTemporalityPreference.Cumulative };

    public MetricReader Reader { get; }

    public IReadOnlyList<MetricSnapshot> Collect()
    {
        lock (_gate)
        {
            // Collect returns false when no meter provider was built (no OpenTelemetry hosted service): nothing to show.
            return Reader.Collect(timeoutMilliseconds: 5000) ? _exporter.Last : [];
        }
    }
}
