using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Stratus.Observability;
using Stratus.Observability.Logging;
using Stratus.Observability.Tracing;

namespace Microsoft.Extensions.Hosting;

/// <summary>Adds Stratus tracing, metrics and logs.</summary>
public static class ObservabilityHostApplicationBuilderExtensions
{
    /// <summary>
    /// Adds OpenTelemetry tracing (ASP.NET Core, HttpClient and <c>Stratus.*</c> sources; W3C and B3 headers; Zipkin and OTLP
    /// export when configured), metrics (ASP.NET Core, HttpClient, runtime and <c>Stratus.*</c> meters; OTLP when configured)
    /// and console logs as ECS JSON lines (or text in Development), all under one service name. Settings come from
    /// <c>Stratus:Observability</c> and are read once, here. A second call changes nothing.
    /// </summary>
    /// <param name="builder">The host builder.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static IHostApplicationBuilder AddStratusObservability(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Services.Any(d => d.ServiceType == typeof(ObservabilityMarker)))
        {
            return builder;
        }

        builder.Services.AddSingleton<ObservabilityMarker>();
        var options = new ObservabilityOptions();
        builder.Configuration.GetSection(ObservabilityOptions.SectionName).Bind(options);
        var identity = ServiceIdentity.Resolve(builder.Configuration, builder.Environment.ApplicationName);

        builder.Services.AddOptions<ObservabilityOptions>().BindConfiguration(ObservabilityOptions.SectionName).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ObservabilityOptions>, ObservabilityOptionsValidator>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ObservabilityOptions>, ObservabilityOptionsRules>());
        builder.Services.TryAddSingleton(identity);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddMetrics();
        builder.Services.TryAddSingleton(sp => new TracingExportStatistics(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(identity.ServiceName, serviceInstanceId: identity.InstanceId, autoGenerateServiceInstanceId: false));
        if (options.Tracing.Enabled)
        {
            TracingRegistration.Add(builder.Services, otel, options.Tracing, identity);
        }

        if (options.Metrics.Enabled)
        {
            otel.WithMetrics(metrics =>
            {
                metrics
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddMeter("Stratus.*")
                    // One increment per request on a shared counter, read by no dashboard we know of: left out.
                    .AddView("aspnetcore.routing.match_attempts", MetricStreamConfiguration.Drop);
                if (options.Metrics.Otlp.Endpoint is { } endpoint)
                {
                    var protocol = OtlpProtocols.Parse(options.Metrics.Otlp.Protocol) ?? OtlpExportProtocol.Grpc;
                    metrics.AddOtlpExporter(o =>
                    {
                        o.Endpoint = endpoint;
                        o.Protocol = protocol;
                    });
                }
            });
        }

        ConsoleLogRegistration.Add(builder, options.Logging, identity);
        return builder;
    }

    private sealed class ObservabilityMarker;
}
