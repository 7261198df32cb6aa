using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Trace;
using Stratus.Observability.Propagation;

namespace Stratus.Observability.Tracing;

/// <summary>Tracing: instrumentation, sampler, W3C and B3 propagation, and the configured exporters behind bounded queues.</summary>
internal static class TracingRegistration
{
    public static void Add(IServiceCollection services, OpenTelemetryBuilder otel, TracingOptions options, ServiceIdentity identity)
    {
        // Invalid values are reported by ValidateOnStart; until then the defaults stand in.
        var formats = InjectFormatsParser.TryParse(options.Propagation.Inject, out var parsed, out _) ? parsed : InjectFormats.W3C | InjectFormats.B3Multi;
        var probability = double.IsNaN(options.SamplingProbability) ? 1.0 : Math.Clamp(options.SamplingProbability, 0.0, 1.0);

        // Process-wide on purpose: HttpClient's diagnostics handler only ever asks DistributedContextPropagator.Current, and
        // captures it when a handler is created, so it is set here, before any handler exists. Hosting takes its propagator
        // from DI, registered before we run, hence the replacement.
        var propagator = new TraceHeaderPropagator(formats, probability);
        DistributedContextPropagator.Current = propagator;
        Sdk.SetDefaultTextMapPropagator(new OpenTelemetryTraceHeaderPropagator(formats, probability));
        services.Replace(ServiceDescriptor.Singleton<DistributedContextPropagator>(propagator));

        otel.WithTracing(tracing =>
        {
            tracing
                .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(probability)))
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddSource("Stratus.*")
                .AddInstrumentation(sp => sp.GetRequiredService<TracingExportStatistics>());
            if (options.Zipkin.Endpoint is { } zipkin)
            {
                tracing.AddProcessor(sp => Bounded(sp, new ZipkinJsonExporter(zipkin, options.Zipkin.Timeout, identity.ServiceName), $"Zipkin {Origin(zipkin)}", options));
            }

            if (options.Otlp.Endpoint is { } otlp)
            {
                var exporterOptions = new OtlpExporterOptions
                {
                    Endpoint = otlp,
                    Protocol = OtlpProtocols.Parse(options.Otlp.Protocol) ?? OtlpExportProtocol.Grpc,
                };
                tracing.AddProcessor(sp => Bounded(sp, new OtlpTraceExporter(exporterOptions), $"OTLP {Origin(otlp)}", options));
            }
        });
    }

    private static BoundedExportProcessor Bounded(IServiceProvider services, OpenTelemetry.BaseExporter<Activity> exporter, string name, TracingOptions options)
    {
        var hostSource = services.GetService<ActivitySource>();
        return new BoundedExportProcessor(
            exporter,
            name,
            options,
            services.GetRequiredService<TracingExportStatistics>(),
            new HostSpanFilter(hostSource?.Name == "Microsoft.AspNetCore" ? hostSource : null),
            services.GetRequiredService<ILoggerFactory>().CreateLogger("Stratus.Observability.Tracing"));
    }

    /// <summary>Scheme, host and port only: an address in a log line must not carry credentials.</summary>
    private static string Origin(Uri endpoint) => endpoint.IsAbsoluteUri ? $"{endpoint.Scheme}://{endpoint.Authority}" : "(relative address)";
}
