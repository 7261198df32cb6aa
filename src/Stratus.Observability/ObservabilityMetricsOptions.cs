namespace Stratus.Observability;

/// <summary>Metrics settings, bound from <c>Stratus:Observability:Metrics</c>.</summary>
public sealed class ObservabilityMetricsOptions
{
    /// <summary>Collect ASP.NET Core, HttpClient, runtime and <c>Stratus.*</c> metrics. Default <see langword="true"/>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Push metrics over OTLP; only when its endpoint is set (full path <c>/v1/metrics</c> for <c>http/protobuf</c>).</summary>
    public OtlpExportOptions Otlp { get; } = new();
}
