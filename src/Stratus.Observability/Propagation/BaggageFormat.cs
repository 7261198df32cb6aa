using System.Text;

namespace Stratus.Observability.Propagation;

/// <summary>W3C Baggage (https://www.w3.org/TR/baggage/), read and written within its limits.</summary>
internal static class BaggageFormat
{
    /// <summary>W3C: at most 180 list members.</summary>
    public const int MaxMembers = 180;

    /// <summary>W3C: at most 8192 bytes in total.</summary>
    public const int MaxLength = 8192;

    /// <summary>
    /// Reads members until either limit is reached; malformed members are skipped, and the part of a header beyond 8192
    /// characters is never looked at.
    /// </summary>
    public static List<KeyValuePair<string, string?>>? Parse(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        // Past the limit, only the members that end before it count: a member cut in half would be a wrong value.
        var value = header.AsSpan();
        if (value.Length > MaxLength)
        {
            var lastComma = value[..(MaxLength + 1)].LastIndexOf(',');
            value = lastComma < 0 ? default : value[..lastComma];
        }

        List<KeyValuePair<string, string?>>? result = null;
        foreach (var range in value.Split(','))
        {
            if (result?.Count >= MaxMembers)
            {
                break;
            }

            var member = value[range];
            var semicolon = member.IndexOf(';');
            if (semicolon >= 0)
            {
                member = member[..semicolon]; // properties are not kept
            }

            var eq = member.IndexOf('=');
            if (eq <= 0)
            {
                continue;
            }

            var key = member[..eq].Trim(' ');
            if (key.IsEmpty || !IsToken(key) || !TryDecode(member[(eq + 1)..].Trim(' '), out var decoded))
            {
                continue;
            }

            (result ??= []).Add(new(key.ToString(), decoded));
        }

        return result;
    }

    /// <summary>Writes <c>key=value</c> members, stopping before the header would break either limit.</summary>
    public static string? Format(IEnumerable<KeyValuePair<string, string?>> baggage)
    {
        StringBuilder? builder = null;
        var members = 0;
        foreach (var (key, value) in baggage)
        {
            if (string.IsNullOrEmpty(key) || !IsToken(key) || members == MaxMembers)
            {
                continue;
            }

            var member = $"{key}={Uri.EscapeDataString(value ?? string.Empty)}";
            var needed = member.Length + (members == 0 ? 0 : 1);
            if ((builder?.Length ?? 0) + needed > MaxLength)
            {
                continue;
            }

            builder ??= new StringBuilder();
            if (members++ > 0)
            {
                builder.Append(',');
            }

            builder.Append(member);
        }

        return builder?.ToString();
    }

    private static bool TryDecode(ReadOnlySpan<char> value, out string decoded)
    {
        decoded = string.Empty;
        foreach (var c in value)
        {
            // baggage-octet: printable ASCII without space, quote, comma, semicolon and backslash.
            if (c <= 0x20 || c >= 0x7F || c is '"' or ',' or ';' or '\\')
            {
                return false;
            }
        }

        try
        {
            decoded = Uri.UnescapeDataString(value.ToString());
            return true;
        }
        catch (UriFormatException)
        {
            return false;
        }
    }

    private static bool IsToken(ReadOnlySpan<char> key)
    {
        foreach (var c in key)
        {
            // RFC 7230 token characters.
            if (!(char.IsAsciiLetterOrDigit(c) || c is '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~'))
            {
                return false;
            }
        }

        return true;
    }
}
