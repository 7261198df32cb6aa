using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace Stratus.Management.Metrics;

/// <summary>
/// An exporter that keeps the last collection's metrics, for the <c>metrics</c> endpoint. It declares no export modes
/// (so push and pull): a pull-only exporter may only be collected from inside OpenTelemetry's internal pull scope.
/// </summary>
internal sealed class MetricsSnapshotExporter : BaseExporter<Metric>
{
    private volatile IReadOnlyList<MetricSnapshot> _last = [];

    public IReadOnlyList<MetricSnapshot> Last => _last;

    public override ExportResult Export(in Batch<Metric> batch)
    {
        var snapshot = new List<MetricSnapshot>();
        foreach (var metric in batch)
        {
            snapshot.Add(MetricSnapshot.From(metric));
        }

        _last = snapshot;
        return ExportResult.Success;
    }
}
