using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Stratus.Observability.Tests.Support;

namespace Stratus.Observability.Tests.Tracing;

[Collection(GlobalTracingCollection.Name)]
public sealed class ExporterOutageTests
{
    [Fact]
    public async Task A_collector_that_never_answers_neither_slows_requests_nor_grows_the_queue()
    {
        await using var collector = new SilentCollector();
        await using var service = await TracedService.StartAsync(
            "outage",
            new Dictionary<string, string?>
            {
                ["Stratus:Observability:Tracing:Zipkin:Endpoint"] = collector.Endpoint.ToString(),
                ["Stratus:Observability:Tracing:Zipkin:Timeout"] = "00:05:00",
                ["Stratus:Observability:Tracing:MaxQueueSize"] = "3",
                ["Stratus:Observability:Tracing:MaxExportBatchSize"] = "1",
                ["Stratus:Observability:Tracing:ExportDelay"] = "00:00:00.001",
            },
            app => app.MapGet("/ping", () => "pong"));
        var statistics = service.App.Services.GetRequiredService<TracingExportStatistics>();
        long observed = -1;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == TracingExportStatistics.MeterName && instrument.Name == "stratus.tracing.spans.dropped")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => observed = Math.Max(observed, value));
        listener.Start();

        // Each request is answered although the one export in flight hangs for minutes; the 30-second client timeout is
        // far beyond a local request and only guards the test.
        for (var i = 0; i < 20; i++)
        {
            using var response = await TestClient.SendAsync(new Uri(service.Address, "ping"));
            Assert.Equal("pong", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        // 20 server spans: at most one in the hung export and three queued; the rest are counted as dropped.
        Assert.True(await TestClient.EventuallyAsync(() => statistics.DroppedSpans >= 16), $"dropped {statistics.DroppedSpans}");
        Assert.True(collector.Connections >= 1);
        Assert.Equal(0, statistics.ExportedSpans);
        listener.RecordObservableInstruments();
        Assert.Equal(statistics.DroppedSpans, observed);

        // Said once in the log, not once per span; the address is there, without a path.
        var full = service.Logs.Where(l => l.Contains("\"event.action\":\"SpanQueueFull\"", StringComparison.Ordinal)).ToList();
        Assert.Single(full);
        Assert.Contains($"Zipkin http://127.0.0.1:{collector.Endpoint.Port}", full[0], StringComparison.Ordinal);
    }
}
