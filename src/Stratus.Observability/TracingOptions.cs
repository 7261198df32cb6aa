using System.ComponentModel.DataAnnotations;

namespace Stratus.Observability;

/// <summary>Distributed tracing settings, bound from <c>Stratus:Observability:Tracing</c>.</summary>
public sealed class TracingOptions
{
    /// <summary>Create, propagate and export spans. Default <see langword="true"/>. Spring: <c>management.tracing.enabled</c>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Share of new traces recorded, from 0 to 1. A request whose caller sent a sampling decision keeps that decision
    /// (parent-based, as Micrometer Tracing does). Default 1.0. Spring: <c>management.tracing.sampling.probability</c> (default 0.1 there).
    /// </summary>
    [Range(0.0, 1.0)]
    public double SamplingProbability { get; set; } = 1.0;

    /// <summary>Most finished spans waiting for export; more are dropped and counted. Default 2048.</summary>
    [Range(1, 1_000_000)]
    public int MaxQueueSize { get; set; } = 2048;

    /// <summary>Most spans sent in one export request. Default 512.</summary>
    [Range(1, 100_000)]
    public int MaxExportBatchSize { get; set; } = 512;

    /// <summary>Longest time a finished span waits before export. Default 5 seconds; from 1 ms to 1 hour.</summary>
    public TimeSpan ExportDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Export spans to Zipkin as Zipkin v2 JSON.</summary>
    public ZipkinExportOptions Zipkin { get; } = new();

    /// <summary>Export spans over OTLP.</summary>
    public OtlpExportOptions Otlp { get; } = new();

    /// <summary>Which trace headers are read and written.</summary>
    public PropagationOptions Propagation { get; } = new();
}
