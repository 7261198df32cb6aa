namespace Stratus.Observability.Propagation;

/// <summary>The trace header names of W3C Trace Context, W3C Baggage and B3.</summary>
internal static class HeaderNames
{
    public const string TraceParent = "traceparent";
    public const string TraceState = "tracestate";
    public const string Baggage = "baggage";
    public const string B3 = "b3";
    public const string B3TraceId = "X-B3-TraceId";
    public const string B3SpanId = "X-B3-SpanId";
    public const string B3ParentSpanId = "X-B3-ParentSpanId";
    public const string B3Sampled = "X-B3-Sampled";
    public const string B3Flags = "X-B3-Flags";

    public static readonly string[] All = [TraceParent, TraceState, Baggage, B3, B3TraceId, B3SpanId, B3ParentSpanId, B3Sampled, B3Flags];
}
