using System.Diagnostics;

namespace Stratus.Observability.Propagation;

/// <summary>B3 propagation (openzipkin/b3-propagation): the single <c>b3</c> header and the multi <c>X-B3-*</c> headers.</summary>
internal static class B3Format
{
    /// <summary>A value longer than trace id, span id, flag and parent (32+1+16+1+1+1+16) is not B3.</summary>
    private const int MaxSingleLength = 68;

    /// <summary>
    /// Parses <c>{TraceId}-{SpanId}[-{SamplingState}[-{ParentSpanId}]]</c> or a bare sampling state. <c>0</c> alone denies
    /// sampling; <c>1</c> or <c>d</c> alone carry no context and leave the decision to the sampler.
    /// </summary>
    public static TraceHeaderResult ParseSingle(string? header, double deferredProbability)
    {
        if (header is null || header.Length > MaxSingleLength)
        {
            return default;
        }

        var value = header.AsSpan().Trim(' ');
        if (value is "0")
        {
            return TraceHeaderResult.Deny;
        }

        Span<Range> parts = stackalloc Range[5];
        var count = value.Split(parts, '-');
        if (count is < 2 or > 4
            || !Hex.TryTraceId(value[parts[0]], lowerOnly: false, out var traceId)
            || !Hex.TrySpanId(value[parts[1]], lowerOnly: false, out var spanId)
            || (count == 4 && !Hex.TrySpanId(value[parts[3]], lowerOnly: false, out _)))
        {
            return default;
        }

        bool? sampled = null;
        if (count >= 3)
        {
            sampled = value[parts[2]] switch
            {
                "1" or "d" => true,
                "0" => false,
                _ => null,
            };
            if (sampled is null)
            {
                return default;
            }
        }

        return TraceHeaderResult.From(traceId, spanId, sampled ?? Hex.SampledByRatio(traceId, deferredProbability));
    }

    /// <summary>Parses <c>X-B3-TraceId</c>, <c>X-B3-SpanId</c>, <c>X-B3-Sampled</c> (1/0/true/false) and <c>X-B3-Flags: 1</c> (debug).</summary>
    public static TraceHeaderResult ParseMulti<TReader>(TReader reader, double deferredProbability)
        where TReader : IHeaderReader
    {
        var debug = reader.Get(HeaderNames.B3Flags) is { } flags && flags.Trim() == "1";
        bool? sampled = debug ? true : reader.Get(HeaderNames.B3Sampled)?.Trim().ToLowerInvariant() switch
        {
            "1" or "true" => true,
            "0" or "false" => false,
            _ => null,
        };
        var traceHeader = reader.Get(HeaderNames.B3TraceId);
        var spanHeader = reader.Get(HeaderNames.B3SpanId);
        if (traceHeader is null && spanHeader is null)
        {
            return sampled == false ? TraceHeaderResult.Deny : default;
        }

        if (traceHeader is null || spanHeader is null
            || !Hex.TryTraceId(traceHeader.AsSpan().Trim(' '), lowerOnly: false, out var traceId)
            || !Hex.TrySpanId(spanHeader.AsSpan().Trim(' '), lowerOnly: false, out var spanId))
        {
            return default;
        }

        return TraceHeaderResult.From(traceId, spanId, sampled ?? Hex.SampledByRatio(traceId, deferredProbability));
    }

    /// <summary>A trace id that came in as 64 bits goes out as 16 hex characters, so 64-bit Sleuth services see their own id.</summary>
    public static string TraceIdHex(ActivityTraceId traceId)
    {
        var hex = traceId.ToHexString();
        return hex.StartsWith("0000000000000000", StringComparison.Ordinal) ? hex[16..] : hex;
    }
}
