namespace Stratus.Bus.Addressing;

/// <summary>
/// One segment against one segment pattern, as Spring's <c>AntPathStringMatcher</c> turns the pattern into a regular
/// expression compiled with <c>DOTALL</c>: <c>?</c> is any one character, <c>*</c> and a <c>{name}</c> variable are any
/// characters, everything else is literal and case-sensitive. Matched here without regular expressions, in at most
/// O(pattern × text) steps.
/// </summary>
internal static class SegmentMatcher
{
    private const char One = '\uFFFE';
    private const char Any = '\uFFFF';

    public static bool Match(string pattern, string text)
    {
        if (pattern.AsSpan().IndexOfAny('*', '?', '{') < 0)
        {
            return string.Equals(pattern, text, StringComparison.Ordinal);
        }

        var tokens = Parse(pattern);

        // Two-pointer wildcard matching: on a mismatch, go back to the last star and let it take one more character.
        int t = 0, s = 0, star = -1, starText = 0;
        while (s < text.Length)
        {
            if (t < tokens.Count && tokens[t] is { Wild: false } literal && literal.Char == text[s])
            {
                t++;
                s++;
            }
            else if (t < tokens.Count && tokens[t] is { Wild: true, Char: One })
            {
                t++;
                s++;
            }
            else if (t < tokens.Count && tokens[t] is { Wild: true, Char: Any })
            {
                star = t;
                starText = s;
                t++;
            }
            else if (star >= 0)
            {
                starText++;
                s = starText;
                t = star + 1;
            }
            else
            {
                return false;
            }
        }

        while (t < tokens.Count && tokens[t] is { Wild: true, Char: Any })
        {
            t++;
        }

        return t == tokens.Count;
    }

    private static List<Token> Parse(string pattern)
    {
        var tokens = new List<Token>(pattern.Length);
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c is '*' or '?')
            {
                tokens.Add(new Token(true, c == '*' ? Any : One));
            }
            else if (c == '{' && pattern.IndexOf('}', i + 1) is var close and > 0 && close > i + 1
                     && pattern.AsSpan(i + 1, close - i - 1).IndexOfAny('{', '/') < 0)
            {
                tokens.Add(new Token(true, Any));
                i = close;
            }
            else
            {
                tokens.Add(new Token(false, c));
            }
        }

        return tokens;
    }

    private readonly record struct Token(bool Wild, char Char);
}
