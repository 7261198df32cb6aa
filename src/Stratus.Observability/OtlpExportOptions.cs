namespace Stratus.Observability;

/// <summary>OTLP export, bound from <c>Stratus:Observability:Tracing:Otlp</c> or <c>Stratus:Observability:Metrics:Otlp</c>.</summary>
public sealed class OtlpExportOptions
{
    /// <summary>
    /// The collector endpoint. For <c>grpc</c> the base address (e.g. <c>http://127.0.0.1:4317</c>); for <c>http/protobuf</c>
    /// the full signal path (e.g. <c>http://127.0.0.1:4318/v1/traces</c>). Default none (no OTLP export).
    /// </summary>
    public Uri? Endpoint { get; set; }

    /// <summary><c>grpc</c> or <c>http/protobuf</c>. Default <c>grpc</c>.</summary>
    public string Protocol { get; set; } = "grpc";
}
