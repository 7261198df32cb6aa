using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using OpenTelemetry;

namespace Stratus.Observability.Tracing;

/// <summary>
/// Batches finished spans to one exporter on a background thread, like OpenTelemetry's <c>BatchActivityExportProcessor</c>,
/// but counts what it drops: OpenTelemetry's processor drops silently when its queue is full. Ending a span is a bounded,
/// lock-free enqueue, so a slow or dead collector never slows requests; it only costs the spans beyond the queue.
/// </summary>
internal sealed partial class BoundedExportProcessor : BaseExportProcessor<Activity>
{
    private readonly ConcurrentQueue<Activity> _queue = new();
    private readonly AutoResetEvent _wake = new(false);
    private readonly object _flushLock = new();
    private readonly TracingExportStatistics _statistics;
    private readonly HostSpanFilter _filter;
    private readonly ILogger _logger;
    private readonly string _name;
    private readonly int _maxQueueSize;
    private readonly int _maxBatchSize;
    private readonly TimeSpan _delay;
    private readonly Thread _thread;
    private int _count;
    private long _flushRequested;
    private long _flushCompleted;
    private volatile bool _stopping;
    private volatile bool _failing;
    private int _queueFullReported;

    public BoundedExportProcessor(BaseExporter<Activity> exporter, string name, TracingOptions options, TracingExportStatistics statistics, HostSpanFilter filter, ILogger logger)
        : base(exporter)
    {
        _name = name;
        _statistics = statistics;
        _filter = filter;
        _logger = logger;
        _maxQueueSize = options.MaxQueueSize;
        _maxBatchSize = Math.Min(options.MaxExportBatchSize, options.MaxQueueSize);
        _delay = options.ExportDelay;

        // A dedicated thread, as OpenTelemetry's batch processor has: exporters are synchronous and may block for their
        // whole timeout. The wait below is that thread's pacing, not application timing, so no TimeProvider is involved.
        _thread = new Thread(Run) { IsBackground = true, Name = $"Stratus span export ({exporter.GetType().Name})" };
        _thread.Start();
    }

    internal int QueueLength => Volatile.Read(ref _count);

    public override void OnEnd(Activity data)
    {
        if (!data.Recorded || _stopping || !_filter.IsOwn(data))
        {
            return;
        }

        if (Interlocked.Increment(ref _count) > _maxQueueSize)
        {
            Interlocked.Decrement(ref _count);
            _statistics.OnDropped();
            if (Interlocked.Exchange(ref _queueFullReported, 1) == 0)
            {
                Log.QueueFull(_logger, _name, _maxQueueSize);
            }

            return;
        }

        _queue.Enqueue(data);
        if (Volatile.Read(ref _count) >= _maxBatchSize)
        {
            _wake.Set();
        }
    }

    protected override void OnExport(Activity data) => OnEnd(data);

    protected override bool OnForceFlush(int timeoutMilliseconds)
    {
        var target = Interlocked.Increment(ref _flushRequested);
        _wake.Set();
        var deadline = timeoutMilliseconds == Timeout.Infinite ? long.MaxValue : Environment.TickCount64 + timeoutMilliseconds;
        lock (_flushLock)
        {
            while (Interlocked.Read(ref _flushCompleted) < target && _thread.IsAlive)
            {
                var remaining = deadline - Environment.TickCount64;
                if (remaining <= 0)
                {
                    return false;
                }

                Monitor.Wait(_flushLock, TimeSpan.FromMilliseconds(Math.Min(remaining, 100)));
            }
        }

        return base.OnForceFlush(timeoutMilliseconds);
    }

    protected override bool OnShutdown(int timeoutMilliseconds)
    {
        _stopping = true;
        _wake.Set();
        var wait = timeoutMilliseconds == Timeout.Infinite ? 5000 : Math.Max(0, timeoutMilliseconds);
        if (!_thread.Join(wait))
        {
            // The collector is not answering: shutting the exporter down cancels its request, and the thread ends.
            var result = base.OnShutdown(0);
            _thread.Join(1000);
            return result;
        }

        return base.OnShutdown(timeoutMilliseconds);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && !_thread.IsAlive)
        {
            _wake.Dispose();
        }
    }

    private void Run()
    {
        var batch = new Activity[_maxBatchSize];
        while (true)
        {
            _wake.WaitOne(_delay);
            var flushTarget = Interlocked.Read(ref _flushRequested);
            var stopping = _stopping;
            Drain(batch);
            Interlocked.Exchange(ref _flushCompleted, flushTarget);
            lock (_flushLock)
            {
                Monitor.PulseAll(_flushLock);
            }

            if (stopping)
            {
                return;
            }
        }
    }

    private void OnResult(bool success, int count, Exception? exception)
    {
        if (success)
        {
            _statistics.OnExported(count);
            if (_failing)
            {
                _failing = false;
                Interlocked.Exchange(ref _queueFullReported, 0);
                Log.ExportRecovered(_logger, _name, _statistics.DroppedSpans);
            }
        }
        else if (!_failing && !_stopping)
        {
            _failing = true;
            Log.ExportFailing(_logger, _name, _maxQueueSize, exception);
        }
    }

    private void Drain(Activity[] batch)
    {
        while (true)
        {
            var count = 0;
            while (count < batch.Length && _queue.TryDequeue(out var activity))
            {
                batch[count++] = activity;
            }

            if (count == 0)
            {
                return;
            }

            Interlocked.Add(ref _count, -count);
            try
            {
                var result = exporter.Export(new Batch<Activity>(batch, count));
                OnResult(result == ExportResult.Success, count, null);
            }
#pragma warning disable CA1031 // An exporter's failure must not end the export thread; the spans are lost, requests are not.
            catch (Exception e)
#pragma warning restore CA1031
            {
                OnResult(false, count, e);
            }

            Array.Clear(batch, 0, count);
        }
    }
}
