using System.Diagnostics;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using Stratus.Observability.Tracing;

namespace Stratus.Observability.Tests.Tracing;

public sealed class BoundedExportProcessorTests
{
    [Fact]
    public void Every_span_is_either_exported_or_counted_as_dropped()
    {
        using var exporter = new GatedExporter();
        var statistics = new TracingExportStatistics(null);
        var lines = new List<string>();
        using var processor = Processor(exporter, statistics, lines, queue: 3, batch: 1);

        for (var i = 0; i < 20; i++)
        {
            processor.OnEnd(Recorded());
        }

        processor.OnEnd(new Activity("not sampled")); // never queued, never counted
        exporter.Gate.Set();
        Assert.True(processor.ForceFlush(30_000));

        Assert.Equal(20, statistics.ExportedSpans + statistics.DroppedSpans);
        Assert.InRange(statistics.DroppedSpans, 16, 17); // the queue of 3, plus the one export that may have started
        Assert.Equal(statistics.ExportedSpans, exporter.Exported);
        Assert.Single(lines, l => l.Contains("SpanQueueFull", StringComparison.Ordinal));
    }

    [Fact]
    public void A_failing_exporter_is_reported_once_and_its_recovery_too()
    {
        using var exporter = new GatedExporter { FailuresLeft = 3 };
        exporter.Gate.Set();
        var statistics = new TracingExportStatistics(null);
        var lines = new List<string>();
        using var processor = Processor(exporter, statistics, lines, queue: 100, batch: 1);

        for (var i = 0; i < 5; i++)
        {
            processor.OnEnd(Recorded());
            Assert.True(processor.ForceFlush(30_000));
        }

        Assert.Equal(2, statistics.ExportedSpans);
        Assert.Equal(0, statistics.DroppedSpans);
        Assert.Equal(["SpanExportFailing", "SpanExportRecovered"], lines.Select(l => l.Split(' ')[0]));
    }

    private static BoundedExportProcessor Processor(GatedExporter exporter, TracingExportStatistics statistics, List<string> lines, int queue, int batch)
    {
        var options = new TracingOptions { MaxQueueSize = queue, MaxExportBatchSize = batch, ExportDelay = TimeSpan.FromHours(1) };
        var logger = new EventNameLogger(lines);
        return new BoundedExportProcessor(exporter, "test", options, statistics, new HostSpanFilter(null), logger);
    }

    private static Activity Recorded() => new("span") { ActivityTraceFlags = ActivityTraceFlags.Recorded };

    private sealed class GatedExporter : BaseExporter<Activity>
    {
        public ManualResetEventSlim Gate { get; } = new(false);

        public int FailuresLeft { get; set; }

        public int Exported { get; private set; }

        public override ExportResult Export(in Batch<Activity> batch)
        {
            Gate.Wait(TimeSpan.FromSeconds(30));
            if (FailuresLeft > 0)
            {
                FailuresLeft--;
                return ExportResult.Failure;
            }

            Exported += (int)batch.Count;
            return ExportResult.Success;
        }

        protected override void Dispose(bool disposing)
        {
            Gate.Dispose();
            base.Dispose(disposing);
        }
    }

    /// <summary>Keeps "{EventName} {message}" of each entry.</summary>
    private sealed class EventNameLogger(List<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (lines)
            {
                lines.Add($"{eventId.Name} {formatter(state, exception)}");
            }
        }
    }
}
