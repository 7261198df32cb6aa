using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using Stratus.Observability.Tests.Support;

namespace Stratus.Observability.Tests.Tracing;

[Collection(GlobalTracingCollection.Name)]
public sealed class OtlpExportTests
{
    [Fact]
    public async Task Spans_and_metrics_reach_an_OTLP_http_collector()
    {
        await using var collector = await OtlpCollector.StartAsync();
        await using var service = await TracedService.StartAsync(
            "otlp-service",
            new Dictionary<string, string?>
            {
                ["Stratus:Observability:Tracing:Otlp:Endpoint"] = new Uri(collector.Address, "v1/traces").ToString(),
                ["Stratus:Observability:Tracing:Otlp:Protocol"] = "http/protobuf",
                ["Stratus:Observability:Metrics:Otlp:Endpoint"] = new Uri(collector.Address, "v1/metrics").ToString(),
                ["Stratus:Observability:Metrics:Otlp:Protocol"] = "http/protobuf",
            },
            app => app.MapGet("/ping", () => "pong"));
        var traceId = ActivityTraceId.CreateRandom();

        using var response = await TestClient.SendAsync(new Uri(service.Address, "ping"), new Dictionary<string, string>
        {
            ["traceparent"] = $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01",
        });
        Assert.True(response.IsSuccessStatusCode);

        // OTLP protobuf carries the trace id as 16 raw bytes, and names (service, metric) as UTF-8.
        var traceBytes = new byte[16];
        traceId.CopyTo(traceBytes);
        var meters = service.App.Services.GetRequiredService<MeterProvider>();
        Assert.True(await TestClient.EventuallyAsync(
            () => collector.Requests.Any(r => r.Path == "/v1/traces" && r.Body.AsSpan().IndexOf(traceBytes) >= 0)
                && collector.Requests.Any(r => r.Path == "/v1/metrics" && Contains(r.Body, "http.server.request.duration")),
            () =>
            {
                service.Flush();
                meters.ForceFlush(5000);
            }));
        var traces = collector.Requests.First(r => r.Path == "/v1/traces");
        Assert.Equal("application/x-protobuf", traces.ContentType);
        Assert.True(Contains(traces.Body, "otlp-service"));
    }

    private static bool Contains(byte[] body, string text) => body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
}
