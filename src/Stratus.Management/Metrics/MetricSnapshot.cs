using System.Globalization;
using OpenTelemetry.Metrics;

namespace Stratus.Management.Metrics;

/// <summary>An instrument's cumulative values at one collection, copied out of OpenTelemetry's buffers.</summary>
internal sealed record MetricSnapshot(string Name, string? Description, string? Unit, MetricSnapshotKind Kind, IReadOnlyList<MetricSnapshotPoint> Points)
{
    public static MetricSnapshot From(Metric metric)
    {
        var kind = metric.MetricType switch
        {
            MetricType.LongSum or MetricType.DoubleSum => MetricSnapshotKind.Counter,
            MetricType.Histogram or MetricType.ExponentialHistogram => MetricSnapshotKind.Histogram,
            _ => MetricSnapshotKind.Gauge,
        };
        var points = new List<MetricSnapshotPoint>();
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            var tags = new List<KeyValuePair<string, string>>();
            foreach (var tag in point.Tags)
            {
                tags.Add(KeyValuePair.Create(tag.Key, Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? string.Empty));
            }

            points.Add(metric.MetricType switch
            {
                MetricType.LongSum or MetricType.LongSumNonMonotonic => new MetricSnapshotPoint(tags, point.GetSumLong(), 0, null),
                MetricType.DoubleSum or MetricType.DoubleSumNonMonotonic => new MetricSnapshotPoint(tags, point.GetSumDouble(), 0, null),
                MetricType.LongGauge => new MetricSnapshotPoint(tags, point.GetGaugeLastValueLong(), 0, null),
                MetricType.DoubleGauge => new MetricSnapshotPoint(tags, point.GetGaugeLastValueDouble(), 0, null),
                _ => new MetricSnapshotPoint(tags, point.GetHistogramCount(), point.GetHistogramSum(), point.TryGetHistogramMinMaxValues(out _, out var max) ? max : null),
            });
        }

        return new MetricSnapshot(metric.Name, NullIfEmpty(metric.Description), NullIfEmpty(metric.Unit), kind, points);
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
