using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;

namespace Stratus.Messaging.Diagnostics;

/// <summary>
/// The <c>Stratus.Messaging</c> activity source and meter. Trace context travels in message headers through the
/// process-wide <see cref="DistributedContextPropagator.Current"/> (Stratus.Observability installs one writing W3C
/// <c>traceparent</c> and B3), so a trace runs from an HTTP request through a message to the consumer's own calls.
/// </summary>
internal sealed class MessagingTelemetry : IDisposable
{
    public const string Name = "Stratus.Messaging";
    public static readonly ActivitySource Source = new(Name);

    private readonly Meter _meter;

    public MessagingTelemetry(IMeterFactory meters)
    {
        _meter = meters.Create(Name);
        Published = _meter.CreateCounter<long>("stratus.messaging.published", "{message}", "Messages published and confirmed by the broker, or failed (outcome)");
        Consumed = _meter.CreateCounter<long>("stratus.messaging.consumed", "{message}", "Messages received by a binding, by outcome: success, error or duplicate");
        HandlerDuration = _meter.CreateHistogram<double>("stratus.messaging.handler.duration", "s", "Time from receipt to the handler's end, retries included");
    }

    public Counter<long> Published { get; }

    public Counter<long> Consumed { get; }

    public Histogram<double> HandlerDuration { get; }

    /// <summary>Writes the current trace context into <paramref name="headers"/>.</summary>
    public static void Inject(Activity? activity, Dictionary<string, object?> headers) =>
        DistributedContextPropagator.Current.Inject(activity, headers, static (carrier, name, value) => ((Dictionary<string, object?>)carrier!)[name] = value);

    /// <summary>Starts a consumer activity whose parent is the trace context in <paramref name="headers"/>, if any.</summary>
    public static Activity? StartProcess(string destination, string? group, string? messageId, IReadOnlyDictionary<string, object?> headers)
    {
        DistributedContextPropagator.Current.ExtractTraceIdAndState(headers, ReadHeader, out var traceParent, out var traceState);
        if (!Source.HasListeners())
        {
            // No tracing SDK: still carry the caller's trace into the handler, so its own HTTP calls and log lines continue
            // it (as ASP.NET Core does for a request with a traceparent).
            if (traceParent is null)
            {
                return null;
            }

            var carrier = new Activity($"process {destination}");
            carrier.SetParentId(traceParent);
            carrier.TraceStateString = traceState;
            return carrier.Start();
        }

        ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var parent);
        var activity = Source.StartActivity($"process {destination}", ActivityKind.Consumer, parent);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("messaging.operation.type", "process");
            activity.SetTag("messaging.destination.name", destination);
            activity.SetTag("messaging.consumer.group.name", group);
            activity.SetTag("messaging.message.id", messageId);
        }

        return activity;
    }

    public static Activity? StartPublish(string destination, string messageId)
    {
        var activity = Source.StartActivity($"publish {destination}", ActivityKind.Producer);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("messaging.operation.type", "publish");
            activity.SetTag("messaging.destination.name", destination);
            activity.SetTag("messaging.message.id", messageId);
        }

        return activity;
    }

    public void Dispose() => _meter.Dispose();

    /// <summary>The propagator's getter: the header's text, the exact name first, then the first name equal ignoring case.</summary>
    internal static void ReadHeader(object? carrier, string name, out string? value, out IEnumerable<string>? values)
    {
        values = null;
        var headers = (IReadOnlyDictionary<string, object?>)carrier!;
        if (!headers.TryGetValue(name, out var raw))
        {
            // Header names are case-sensitive on the wire, but B3 writers differ (X-B3-TraceId, x-b3-traceid). Every
            // message misses some of the propagator's names, so this scan runs per message and must not allocate.
            raw = FindIgnoringCase(headers, name);
        }

        value = raw switch
        {
            string text => text,
            byte[] bytes when bytes.Length <= 8192 => Encoding.UTF8.GetString(bytes),
            _ => null,
        };
    }

    private static object? FindIgnoringCase(IReadOnlyDictionary<string, object?> headers, string name)
    {
        if (headers is Dictionary<string, object?> dictionary)
        {
            // The struct enumerator: the binders hand over plain dictionaries.
            foreach (var (key, raw) in dictionary)
            {
                if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
                {
                    return raw;
                }
            }

            return null;
        }

        foreach (var (key, raw) in headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return raw;
            }
        }

        return null;
    }
}
