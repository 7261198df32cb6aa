namespace Stratus.Management.Metrics;

/// <summary>How an instrument's points read in Micrometer's statistics.</summary>
internal enum MetricSnapshotKind
{
    /// <summary>A monotonic sum: <c>COUNT</c>.</summary>
    Counter,

    /// <summary>A gauge or up-down counter: <c>VALUE</c>.</summary>
    Gauge,

    /// <summary>A histogram: <c>COUNT</c>, <c>TOTAL</c> and <c>MAX</c> when recorded.</summary>
    Histogram,
}
