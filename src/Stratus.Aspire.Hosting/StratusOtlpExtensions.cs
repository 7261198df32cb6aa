using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>Sends a Stratus process's traces and metrics to the Aspire dashboard.</summary>
public static class StratusOtlpExtensions
{
    /// <summary>
    /// Adds Aspire's OTLP exporter settings over gRPC (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, the dashboard's OTLP endpoint)
    /// and copies the endpoint to the keys Stratus reads: <c>Stratus__Observability__Tracing__Otlp__Endpoint</c> and
    /// <c>Stratus__Observability__Metrics__Otlp__Endpoint</c>, protocol <c>grpc</c>. Stratus exports only when those keys
    /// are set, so without this call a Stratus service or role sends nothing to the dashboard. The Stratus server
    /// resources call it themselves; call it on the services that use <c>builder.AddStratus()</c>.
    /// </summary>
    /// <typeparam name="T">The resource type.</typeparam>
    /// <param name="builder">The resource builder.</param>
    /// <returns>The resource builder.</returns>
    public static IResourceBuilder<T> WithStratusOtlpExporter<T>(this IResourceBuilder<T> builder)
        where T : IResourceWithEnvironment
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithOtlpExporter(OtlpProtocol.Grpc).WithEnvironment(context =>
        {
            // Aspire's callback ran first (same order as the annotations) and set the endpoint when a dashboard exists.
            if (!context.EnvironmentVariables.TryGetValue("OTEL_EXPORTER_OTLP_ENDPOINT", out var endpoint))
            {
                return;
            }

            context.EnvironmentVariables["Stratus__Observability__Tracing__Otlp__Endpoint"] = endpoint;
            context.EnvironmentVariables["Stratus__Observability__Tracing__Otlp__Protocol"] = "grpc";
            context.EnvironmentVariables["Stratus__Observability__Metrics__Otlp__Endpoint"] = endpoint;
            context.EnvironmentVariables["Stratus__Observability__Metrics__Otlp__Protocol"] = "grpc";
        });
    }
}
