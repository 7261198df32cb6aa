namespace Stratus.Management.Metrics;

/// <summary>One tag combination's values: the count or value, the histogram's sum, and its maximum when recorded.</summary>
internal sealed record MetricSnapshotPoint(IReadOnlyList<KeyValuePair<string, string>> Tags, double Value, double Total, double? Max);
