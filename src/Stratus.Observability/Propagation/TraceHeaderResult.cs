using System.Diagnostics;

namespace Stratus.Observability.Propagation;

/// <summary>What incoming headers said: nothing usable, a remote parent, or "do not sample" without a parent (<c>b3: 0</c>).</summary>
internal readonly record struct TraceHeaderResult(bool IsDeny, ActivityContext Parent)
{
    public static readonly TraceHeaderResult Deny = new(true, default);

    public bool HasParent => Parent != default;

    public static TraceHeaderResult From(ActivityTraceId traceId, ActivitySpanId spanId, bool sampled, string? traceState = null)
        => new(false, new ActivityContext(traceId, spanId, sampled ? ActivityTraceFlags.Recorded : ActivityTraceFlags.None, traceState, isRemote: true));
}
