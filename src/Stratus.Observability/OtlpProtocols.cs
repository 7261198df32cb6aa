using OpenTelemetry.Exporter;

namespace Stratus.Observability;

/// <summary>Maps the protocol names of the OpenTelemetry specification (<c>OTEL_EXPORTER_OTLP_PROTOCOL</c>) to the exporter's enum.</summary>
internal static class OtlpProtocols
{
    public static OtlpExportProtocol? Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "grpc" => OtlpExportProtocol.Grpc,
        "http/protobuf" or "http" => OtlpExportProtocol.HttpProtobuf,
        _ => null,
    };
}
