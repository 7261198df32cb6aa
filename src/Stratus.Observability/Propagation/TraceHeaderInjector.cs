using System.Diagnostics;

namespace Stratus.Observability.Propagation;

/// <summary>Writes the current span's context in the configured formats.</summary>
internal static class TraceHeaderInjector
{
    public static void Inject<TWriter>(
        TWriter writer,
        InjectFormats formats,
        ActivityContext context,
        ActivitySpanId parentSpanId,
        IEnumerable<KeyValuePair<string, string?>>? baggage)
        where TWriter : IHeaderWriter
    {
        if (context.TraceId == default || context.SpanId == default)
        {
            return;
        }

        var sampled = (context.TraceFlags & ActivityTraceFlags.Recorded) != 0;
        if ((formats & InjectFormats.W3C) != 0)
        {
            writer.Set(HeaderNames.TraceParent, TraceContextFormat.Format(context.TraceId, context.SpanId, sampled));
            if (TraceContextFormat.SanitizeTraceState(context.TraceState) is { } traceState)
            {
                writer.Set(HeaderNames.TraceState, traceState);
            }

            if (baggage is not null && BaggageFormat.Format(baggage) is { } header)
            {
                writer.Set(HeaderNames.Baggage, header);
            }
        }

        if ((formats & InjectFormats.B3Multi) != 0)
        {
            writer.Set(HeaderNames.B3TraceId, B3Format.TraceIdHex(context.TraceId));
            writer.Set(HeaderNames.B3SpanId, context.SpanId.ToHexString());
            if (parentSpanId != default)
            {
                writer.Set(HeaderNames.B3ParentSpanId, parentSpanId.ToHexString());
            }

            writer.Set(HeaderNames.B3Sampled, sampled ? "1" : "0");
        }

        if ((formats & InjectFormats.B3Single) != 0)
        {
            // No parent id in the single header: the B3 spec makes it optional and asks messaging to leave it out.
            writer.Set(HeaderNames.B3, $"{B3Format.TraceIdHex(context.TraceId)}-{context.SpanId.ToHexString()}-{(sampled ? "1" : "0")}");
        }
    }
}
