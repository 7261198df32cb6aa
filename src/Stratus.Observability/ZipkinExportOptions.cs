namespace Stratus.Observability;

/// <summary>Zipkin export, bound from <c>Stratus:Observability:Tracing:Zipkin</c>.</summary>
public sealed class ZipkinExportOptions
{
    /// <summary>
    /// The collector's span endpoint, e.g. <c>http://127.0.0.1:9411/api/v2/spans</c>. Default none (no Zipkin export).
    /// Spring: <c>management.zipkin.tracing.endpoint</c>.
    /// </summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Longest wait for one export request. Default 10 seconds; from 1 ms to 10 minutes.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
