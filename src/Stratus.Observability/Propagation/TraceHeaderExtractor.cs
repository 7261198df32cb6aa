namespace Stratus.Observability.Propagation;

/// <summary>
/// Reads the caller's trace context from W3C and B3 headers. W3C <c>traceparent</c> is tried first (both are written by
/// Micrometer and by us, with the same ids); then the single <c>b3</c> header, which wins over <c>X-B3-*</c> when both
/// parse; an invalid single header falls back to the multi headers, as Brave does. Whatever does not parse is ignored,
/// and a new trace starts.
/// </summary>
internal static class TraceHeaderExtractor
{
    public static TraceHeaderResult Extract<TReader>(TReader reader, double deferredProbability)
        where TReader : IHeaderReader
    {
        if (TraceContextFormat.TryParseTraceParent(reader.Get(HeaderNames.TraceParent), out var traceId, out var spanId, out var sampled))
        {
            var traceState = TraceContextFormat.SanitizeTraceState(reader.Get(HeaderNames.TraceState));
            return TraceHeaderResult.From(traceId, spanId, sampled, traceState);
        }

        var single = B3Format.ParseSingle(reader.Get(HeaderNames.B3), deferredProbability);
        return single.HasParent || single.IsDeny ? single : B3Format.ParseMulti(reader, deferredProbability);
    }
}
