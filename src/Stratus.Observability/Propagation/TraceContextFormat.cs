using System.Diagnostics;

namespace Stratus.Observability.Propagation;

/// <summary>W3C Trace Context (<c>traceparent</c>, <c>tracestate</c>), per https://www.w3.org/TR/trace-context/.</summary>
internal static class TraceContextFormat
{
    /// <summary>W3C: at most 32 list members.</summary>
    public const int MaxTraceStateMembers = 32;

    /// <summary>W3C: propagate at most 512 characters; members longer than 128 go first when truncating.</summary>
    public const int MaxTraceStateLength = 512;

    private const int LongMember = 128;

    /// <summary>A header this long is not parsed at all (bounded work on hostile input).</summary>
    private const int MaxRawTraceStateLength = 8192;

    public static bool TryParseTraceParent(string? header, out ActivityTraceId traceId, out ActivitySpanId spanId, out bool sampled)
    {
        traceId = default;
        spanId = default;
        sampled = false;
        if (header is null || header.Length < 55 || header.Length > 256)
        {
            return false;
        }

        var value = header.AsSpan().Trim(' ');
        if (value.Length < 55 || value[2] != '-' || value[35] != '-' || value[52] != '-')
        {
            return false;
        }

        var version = value[..2];
        if (!Hex.IsHex(version, lowerOnly: true) || version is "ff")
        {
            return false;
        }

        // Version 00 has exactly four fields; a later version may append fields after another dash.
        if (version is "00" ? value.Length != 55 : value.Length > 55 && value[55] != '-')
        {
            return false;
        }

        var flags = value.Slice(53, 2);
        if (!Hex.IsHex(flags, lowerOnly: true)
            || !Hex.TryTraceId(value.Slice(3, 32), lowerOnly: true, out traceId)
            || !Hex.TrySpanId(value.Slice(36, 16), lowerOnly: true, out spanId))
        {
            return false;
        }

        // The sampled bit is the lowest bit of the flags byte: the second hex digit is odd.
        sampled = HexValue(flags[1]) % 2 == 1;
        return true;
    }

    private static int HexValue(char c) => char.IsAsciiDigit(c) ? c - '0' : c - 'a' + 10;

    public static string Format(ActivityTraceId traceId, ActivitySpanId spanId, bool sampled)
        => $"00-{traceId.ToHexString()}-{spanId.ToHexString()}-{(sampled ? "01" : "00")}";

    /// <summary>
    /// Keeps a <c>tracestate</c> only when every member is well formed and there are at most 32; over 512 characters it is
    /// truncated as the spec recommends: members over 128 characters first, then from the end.
    /// </summary>
    public static string? SanitizeTraceState(string? header)
    {
        if (string.IsNullOrWhiteSpace(header) || header.Length > MaxRawTraceStateLength)
        {
            return null;
        }

        var members = new List<string>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in header.Split(',', StringSplitOptions.TrimEntries))
        {
            if (raw.Length == 0)
            {
                continue; // empty list members are allowed and ignored
            }

            var eq = raw.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !IsKey(raw.AsSpan(0, eq)) || !IsValue(raw.AsSpan(eq + 1)) || !keys.Add(raw[..eq]) || members.Count == MaxTraceStateMembers)
            {
                return null;
            }

            members.Add(raw);
        }

        return Join(members);
    }

    private static string? Join(List<string> members)
    {
        var length = members.Sum(m => m.Length) + Math.Max(0, members.Count - 1);
        if (length > MaxTraceStateLength)
        {
            for (var i = members.Count - 1; i >= 0 && length > MaxTraceStateLength; i--)
            {
                if (members[i].Length > LongMember)
                {
                    length -= members[i].Length + 1;
                    members.RemoveAt(i);
                }
            }

            while (length > MaxTraceStateLength && members.Count > 0)
            {
                length -= members[^1].Length + 1;
                members.RemoveAt(members.Count - 1);
            }
        }

        return members.Count == 0 ? null : string.Join(',', members);
    }

    private static bool IsKey(ReadOnlySpan<char> key)
    {
        if (key.Length is 0 or > 256 || !(char.IsAsciiLetterLower(key[0]) || char.IsAsciiDigit(key[0])))
        {
            return false;
        }

        var at = key.IndexOf('@');
        foreach (var c in key)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '-' or '*' or '/' or '@'))
            {
                return false;
            }
        }

        return at < 0 || (key[(at + 1)..].IndexOf('@') < 0 && at + 1 < key.Length && key.Length - at - 1 <= 14 && at <= 241);
    }

    private static bool IsValue(ReadOnlySpan<char> value)
    {
        if (value.Length is 0 or > 256 || value[^1] == ' ')
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c < 0x20 || c > 0x7E || c is ',' or '=')
            {
                return false;
            }
        }

        return true;
    }
}
