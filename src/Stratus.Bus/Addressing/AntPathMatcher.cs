namespace Stratus.Bus.Addressing;

/// <summary>
/// Spring's <c>AntPathMatcher</c> with <c>:</c> as the separator, as the bus builds it: <c>**</c> matches any number of
/// segments (none included), <c>*</c> any characters within a segment, <c>?</c> one character, <c>{name}</c> a whole
/// variable segment part; case-sensitive; empty segments are dropped (<c>a::b</c> is <c>a:b</c>); a pattern and a path
/// must agree on a leading and on a trailing separator. A <c>{name:regex}</c> variable cannot occur, since the
/// separator splits it. Matching is linear per segment pair, so hostile patterns cost little.
/// </summary>
internal static class AntPathMatcher
{
    private const char Separator = ':';
    private const string AnySegments = "**";

    public static bool Match(string pattern, string path)
    {
        if (pattern.StartsWith(Separator) != path.StartsWith(Separator))
        {
            return false;
        }

        var patterns = Tokenize(pattern, trim: false);
        var paths = Tokenize(path, trim: false);
        int patternStart = 0, patternEnd = patterns.Length - 1, pathStart = 0, pathEnd = paths.Length - 1;

        // Up to the first '**'.
        while (patternStart <= patternEnd && pathStart <= pathEnd && patterns[patternStart] != AnySegments)
        {
            if (!SegmentMatcher.Match(patterns[patternStart], paths[pathStart]))
            {
                return false;
            }

            patternStart++;
            pathStart++;
        }

        if (pathStart > pathEnd)
        {
            // The path is used up: the rest of the pattern must be '**' only (or a lone '*' for a path ending in ':').
            if (patternStart > patternEnd)
            {
                return pattern.EndsWith(Separator) == path.EndsWith(Separator);
            }

            if (patternStart == patternEnd && patterns[patternStart] == "*" && path.EndsWith(Separator))
            {
                return true;
            }

            return AllAnySegments(patterns, patternStart, patternEnd);
        }

        if (patternStart > patternEnd)
        {
            return false;
        }

        // From the end back to the last '**'.
        while (patternStart <= patternEnd && pathStart <= pathEnd && patterns[patternEnd] != AnySegments)
        {
            if (!SegmentMatcher.Match(patterns[patternEnd], paths[pathEnd]))
            {
                return false;
            }

            if (patternEnd == patterns.Length - 1 && pattern.EndsWith(Separator) != path.EndsWith(Separator))
            {
                return false;
            }

            patternEnd--;
            pathEnd--;
        }

        if (pathStart > pathEnd)
        {
            return AllAnySegments(patterns, patternStart, patternEnd);
        }

        // Between '**'s: find each run of plain segments in the path, leftmost first.
        while (patternStart != patternEnd && pathStart <= pathEnd)
        {
            var nextAny = -1;
            for (var i = patternStart + 1; i <= patternEnd; i++)
            {
                if (patterns[i] == AnySegments)
                {
                    nextAny = i;
                    break;
                }
            }

            if (nextAny == patternStart + 1)
            {
                patternStart++;
                continue;
            }

            var runLength = nextAny - patternStart - 1;
            var available = pathEnd - pathStart + 1;
            var found = -1;
            for (var offset = 0; offset <= available - runLength && found < 0; offset++)
            {
                var all = true;
                for (var j = 0; j < runLength && all; j++)
                {
                    all = SegmentMatcher.Match(patterns[patternStart + j + 1], paths[pathStart + offset + j]);
                }

                if (all)
                {
                    found = pathStart + offset;
                }
            }

            if (found < 0)
            {
                return false;
            }

            patternStart = nextAny;
            pathStart = found + runLength;
        }

        return AllAnySegments(patterns, patternStart, patternEnd);
    }

    /// <summary>Spring's <c>StringUtils.tokenizeToStringArray</c>: split on the separator, drop empty tokens, trim when asked.</summary>
    public static string[] Tokenize(string text, bool trim, char separator = Separator)
    {
        var options = StringSplitOptions.RemoveEmptyEntries | (trim ? StringSplitOptions.TrimEntries : StringSplitOptions.None);
        return text.Split(separator, options);
    }

    private static bool AllAnySegments(string[] patterns, int start, int end)
    {
        for (var i = start; i <= end; i++)
        {
            if (patterns[i] != AnySegments)
            {
                return false;
            }
        }

        return true;
    }
}
