namespace Stratus.Observability.Propagation;

/// <summary>The header formats written on outgoing calls (<c>Tracing:Propagation:Inject</c>).</summary>
[Flags]
internal enum InjectFormats
{
    None = 0,

    /// <summary><c>traceparent</c>, <c>tracestate</c> and <c>baggage</c>.</summary>
    W3C = 1,

    /// <summary><c>X-B3-TraceId</c>, <c>X-B3-SpanId</c>, <c>X-B3-ParentSpanId</c>, <c>X-B3-Sampled</c>.</summary>
    B3Multi = 2,

    /// <summary>One <c>b3</c> header.</summary>
    B3Single = 4,
}

/// <summary>Parses the comma-separated list of <see cref="InjectFormats"/>.</summary>
internal static class InjectFormatsParser
{
    public static bool TryParse(string? value, out InjectFormats formats, out string? bad)
    {
        formats = InjectFormats.None;
        bad = null;
        foreach (var part in (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            switch (part.ToLowerInvariant())
            {
                case "w3c" or "tracecontext":
                    formats |= InjectFormats.W3C;
                    break;
                case "b3multi" or "b3_multi":
                    formats |= InjectFormats.B3Multi;
                    break;
                case "b3":
                    formats |= InjectFormats.B3Single;
                    break;
                default:
                    bad = part;
                    return false;
            }
        }

        return true;
    }
}
