namespace Stratus.ConfigServer.Http;

/// <summary>
/// What an application name, profile list, label and resource path may contain. Anything that could steer a lookup
/// out of the repository is refused before any lookup: dot-dot, encoded or double-encoded characters (the path still
/// holding <c>%</c> after ASP.NET Core decoded it once), backslashes, control characters and NUL, <c>:</c> (for
/// <c>file:</c> and <c>http:</c> prefixes), <c>#</c>, and labels that become absolute or empty-segment paths after
/// <c>(_)</c> turns into <c>/</c>.
/// </summary>
internal static class PathRules
{
    private const int MaxSegment = 256;
    private const int MaxPath = 1024;

    public static string? CheckApplication(string name)
    {
        if (name.Length is 0 or > MaxSegment || name.Contains("..", StringComparison.Ordinal) || name[0] is '.' or '-' or ',')
        {
            return $"Invalid application name '{Shown(name)}'";
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@' or '+' or ','))
            {
                return $"Invalid application name '{Shown(name)}': character '{Shown(c.ToString())}' is not allowed";
            }
        }

        return name.Split(',').Any(part => part.Length == 0) ? $"Invalid application name '{Shown(name)}'" : null;
    }

    /// <summary>Spring's profile rule: letters, digits and <c>-_.+@</c>, starting and ending with a letter or digit; comma lists allowed.</summary>
    public static string? CheckProfiles(string profiles)
    {
        if (profiles.Length is 0 or > MaxSegment)
        {
            return "Invalid profiles";
        }

        foreach (var profile in profiles.Split(','))
        {
            if (profile.Length == 0 || profile.Contains("..", StringComparison.Ordinal))
            {
                return $"Invalid profile '{Shown(profile)}'";
            }

            for (var i = 0; i < profile.Length; i++)
            {
                var c = profile[i];
                var edge = i == 0 || i == profile.Length - 1;
                if (!char.IsLetterOrDigit(c) && (edge || c is not ('-' or '_' or '.' or '+' or '@')))
                {
                    return $"Profile '{Shown(profile)}' must contain letters, digits or '-', '_', '.', '+', '@' and start and end with a letter or digit";
                }
            }
        }

        return null;
    }

    /// <summary>Checks a label and returns it with <c>(_)</c> replaced by <c>/</c>.</summary>
    public static string? CheckLabel(string raw, out string label)
    {
        label = raw.Replace("(_)", "/", StringComparison.Ordinal);
        if (label.Length is 0 or > MaxSegment || label.Contains("..", StringComparison.Ordinal) || label.Contains("//", StringComparison.Ordinal)
            || label[0] is '/' or '.' or '-' || label[^1] == '/')
        {
            return $"Invalid label '{Shown(raw)}'";
        }

        foreach (var c in label)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '/' or '@' or '+' or ','))
            {
                return $"Invalid label '{Shown(raw)}': character '{Shown(c.ToString())}' is not allowed";
            }
        }

        return null;
    }

    /// <summary>Checks the segments of a resource path; hidden names (<c>.git</c>, <c>.env</c>) are refused too.</summary>
    public static string? CheckResourcePath(ReadOnlySpan<string> segments)
    {
        var length = 0;
        foreach (var segment in segments)
        {
            length += segment.Length + 1;
            if (segment.Length == 0 || segment[0] == '.' || segment.Contains("..", StringComparison.Ordinal))
            {
                return $"Invalid resource path segment '{Shown(segment)}'";
            }

            foreach (var c in segment)
            {
                if (char.IsControl(c) || c is '\\' or ':' or '%' or '#' or '*' or '?')
                {
                    return $"Invalid resource path segment '{Shown(segment)}': character '{Shown(c.ToString())}' is not allowed";
                }
            }
        }

        return length is 0 or > MaxPath ? "Invalid resource path" : null;
    }

    /// <summary>A bounded, printable rendering of user input for error messages.</summary>
    public static string Shown(string value)
    {
        var clipped = value.Length > 64 ? value[..64] + "…" : value;
        return string.Concat(clipped.Select(c => char.IsControl(c) ? "\\u" + ((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture) : c.ToString()));
    }
}
