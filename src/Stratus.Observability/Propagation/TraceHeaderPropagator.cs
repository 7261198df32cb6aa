using System.Diagnostics;

namespace Stratus.Observability.Propagation;

/// <summary>
/// The process-wide <see cref="DistributedContextPropagator"/> when tracing is on: ASP.NET Core hosting extracts the caller's
/// context through it and HttpClient's diagnostics handler injects through it, so W3C and B3 services join one trace.
/// </summary>
internal sealed class TraceHeaderPropagator(InjectFormats formats, double deferredProbability) : DistributedContextPropagator
{
    public InjectFormats Formats => formats;

    public override IReadOnlyCollection<string> Fields => HeaderNames.All;

    public override void Inject(Activity? activity, object? carrier, PropagatorSetterCallback? setter)
    {
        if (activity is null || setter is null || activity.IdFormat != ActivityIdFormat.W3C)
        {
            return;
        }

        TraceHeaderInjector.Inject(new CallbackWriter(carrier, setter), formats, activity.Context, activity.ParentSpanId, activity.Baggage);
    }

    public override void ExtractTraceIdAndState(object? carrier, PropagatorGetterCallback? getter, out string? traceId, out string? traceState)
    {
        traceId = null;
        traceState = null;
        if (getter is null)
        {
            return;
        }

        var result = TraceHeaderExtractor.Extract(new CallbackReader(carrier, getter), deferredProbability);
        if (result.HasParent)
        {
            traceId = TraceContextFormat.Format(result.Parent.TraceId, result.Parent.SpanId, (result.Parent.TraceFlags & ActivityTraceFlags.Recorded) != 0);
            traceState = result.Parent.TraceState;
        }
        else if (result.IsDeny)
        {
            // "b3: 0" denies sampling without ids. ASP.NET Core only honours a decision that comes with a parent, so the
            // request gets a fresh, unsampled one: parent-based sampling then records nothing, and logs still get a trace id.
            traceId = TraceContextFormat.Format(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), sampled: false);
        }
    }

    public override IEnumerable<KeyValuePair<string, string?>>? ExtractBaggage(object? carrier, PropagatorGetterCallback? getter)
        => getter is null ? null : BaggageFormat.Parse(new CallbackReader(carrier, getter).Get(HeaderNames.Baggage));

    private readonly struct CallbackReader(object? carrier, PropagatorGetterCallback getter) : IHeaderReader
    {
        public string? Get(string name)
        {
            getter(carrier, name, out var value, out var values);
            return values is null ? value : string.Join(',', values);
        }
    }

    private readonly struct CallbackWriter(object? carrier, PropagatorSetterCallback setter) : IHeaderWriter
    {
        public void Set(string name, string value) => setter(carrier, name, value);
    }
}
