using System.Buffers.Binary;
using System.Diagnostics;

namespace Stratus.Observability.Propagation;

/// <summary>Validation and conversion of the hex ids of W3C and B3, without exceptions on bad input.</summary>
internal static class Hex
{
    public static bool IsHex(ReadOnlySpan<char> value, bool lowerOnly)
    {
        foreach (var c in value)
        {
            var ok = char.IsAsciiDigit(c) || (c >= 'a' && c <= 'f') || (!lowerOnly && c >= 'A' && c <= 'F');
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsAllZero(ReadOnlySpan<char> value) => !value.ContainsAnyExcept('0');

    /// <summary>A 16 or 32 hex trace id (B3 allows 64-bit ids; they are left-padded with zeros, as Sleuth and Brave do).</summary>
    public static bool TryTraceId(ReadOnlySpan<char> value, bool lowerOnly, out ActivityTraceId traceId)
    {
        traceId = default;
        if ((value.Length != 16 && value.Length != 32) || !IsHex(value, lowerOnly) || IsAllZero(value))
        {
            return false;
        }

        Span<char> buffer = stackalloc char[32];
        buffer.Fill('0');
        value.ToLowerInvariant(buffer[(32 - value.Length)..]);
        traceId = ActivityTraceId.CreateFromString(buffer);
        return true;
    }

    public static bool TrySpanId(ReadOnlySpan<char> value, bool lowerOnly, out ActivitySpanId spanId)
    {
        spanId = default;
        if (value.Length != 16 || !IsHex(value, lowerOnly) || IsAllZero(value))
        {
            return false;
        }

        Span<char> buffer = stackalloc char[16];
        value.ToLowerInvariant(buffer);
        spanId = ActivitySpanId.CreateFromString(buffer);
        return true;
    }

    /// <summary>
    /// A ratio decision on the trace id, for B3 requests that carry ids but leave sampling to us. It reads the low 64 bits,
    /// which are random for both 64-bit (left-padded) and 128-bit ids.
    /// </summary>
    public static bool SampledByRatio(ActivityTraceId traceId, double probability)
    {
        if (probability >= 1.0)
        {
            return true;
        }

        if (probability <= 0.0)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[16];
        traceId.CopyTo(bytes);
        var low = BinaryPrimitives.ReadInt64BigEndian(bytes[8..]);
        var value = low == long.MinValue ? long.MaxValue : Math.Abs(low);
        return value < (long)(probability * long.MaxValue);
    }
}
