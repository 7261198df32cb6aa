using System.Text;
using System.Text.RegularExpressions;

namespace Stratus.Gateway.Predicates;

/// <summary>
/// Spring's <c>PathPattern</c> syntax: <c>?</c> one character, <c>*</c> any characters within a segment, <c>**</c> any
/// number of segments (last only), <c>{name}</c> a segment captured as a variable, <c>{name:regex}</c> one that must match,
/// <c>{*name}</c> the rest of the path captured. Case-sensitive. With trailing-slash matching, <c>/a</c> also matches <c>/a/</c>.
/// </summary>
internal sealed class PathPattern
{
    private static readonly TimeSpan RegexLimit = TimeSpan.FromMilliseconds(100);
    private readonly Segment[] _segments;
    private readonly bool _matchTrailingSlash;

    public PathPattern(string pattern, bool matchTrailingSlash)
    {
        if (!pattern.StartsWith('/'))
        {
            throw new FormatException($"path pattern '{pattern}' must start with '/'");
        }

        Text = pattern;
        _matchTrailingSlash = matchTrailingSlash;
        var parts = pattern.Length == 1 ? [] : pattern[1..].Split('/');
        _segments = new Segment[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            var last = i == parts.Length - 1;
            if (part == "**" || (part.StartsWith("{*", StringComparison.Ordinal) && part.EndsWith('}')))
            {
                if (!last)
                {
                    throw new FormatException($"path pattern '{pattern}': '{part}' is only allowed at the end");
                }

                _segments[i] = new Segment(SegmentKind.Rest, part == "**" ? null : part[2..^1], null, null); // Literal holds the variable name
            }
            else if (part.Length > 0 && part.AsSpan().IndexOfAny("*?{") < 0)
            {
                _segments[i] = new Segment(SegmentKind.Literal, part, null, null);
            }
            else if (part == "*")
            {
                _segments[i] = new Segment(SegmentKind.AnySegment, null, null, null);
            }
            else
            {
                var (regex, names) = SegmentRegex(part, pattern);
                _segments[i] = new Segment(SegmentKind.Pattern, null, regex, names);
            }
        }
    }

    public string Text { get; }

    /// <summary>Whether the pattern captures variables (a match then runs once more to record them).</summary>
    public bool HasVariables => _segments.Any(s => s.Kind == SegmentKind.Pattern || (s.Kind == SegmentKind.Rest && s.Literal is not null));

    /// <summary>Matches <paramref name="path"/> (starting with <c>/</c>); captured variables go to <paramref name="capture"/>.</summary>
    public bool Matches(string path, Action<string, string>? capture)
    {
        var span = path.AsSpan(1);
        if (_matchTrailingSlash && span.Length > 0 && span[^1] == '/' && (_segments.Length == 0 || _segments[^1].Kind != SegmentKind.Rest))
        {
            span = span[..^1];
        }

        var position = 0;
        for (var i = 0; i < _segments.Length; i++)
        {
            var segment = _segments[i];
            if (segment.Kind == SegmentKind.Rest)
            {
                if (segment.Literal is { } restName)
                {
                    capture?.Invoke(restName, position <= span.Length ? "/" + span[Math.Min(position, span.Length)..].ToString() : "/");
                }

                return true;
            }

            if (position > span.Length)
            {
                return false;
            }

            var rest = span[position..];
            var slash = rest.IndexOf('/');
            var current = slash < 0 ? rest : rest[..slash];
            position += current.Length + 1;
            switch (segment.Kind)
            {
                case SegmentKind.Literal when !current.SequenceEqual(segment.Literal):
                case SegmentKind.AnySegment when current.IsEmpty:
                    return false;
                case SegmentKind.Pattern:
                    var match = segment.Regex!.Match(current.ToString());
                    if (!match.Success)
                    {
                        return false;
                    }

                    foreach (var name in segment.Names!)
                    {
                        capture?.Invoke(name, match.Groups[name].Value);
                    }

                    break;
            }
        }

        return position >= span.Length + 1 || (_segments.Length == 0 && span.IsEmpty);
    }

    private static (Regex Regex, string[] Names) SegmentRegex(string part, string pattern)
    {
        var regex = new StringBuilder("^");
        var names = new List<string>();
        for (var i = 0; i < part.Length; i++)
        {
            var c = part[i];
            switch (c)
            {
                case '?':
                    regex.Append('.');
                    break;
                case '*':
                    regex.Append(".*");
                    break;
                case '{':
                    var close = part.IndexOf('}', i);
                    if (close < 0)
                    {
                        throw new FormatException($"path pattern '{pattern}': '{{' without '}}'");
                    }

                    var body = part[(i + 1)..close];
                    var colon = body.IndexOf(':', StringComparison.Ordinal);
                    var name = colon < 0 ? body : body[..colon];
                    if (name.Length == 0 || !name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_'))
                    {
                        throw new FormatException($"path pattern '{pattern}': variable name '{name}' must be letters, digits or '_'");
                    }

                    names.Add(name);
                    regex.Append("(?<").Append(name).Append('>').Append(colon < 0 ? ".+" : body[(colon + 1)..]).Append(')');
                    i = close;
                    break;
                default:
                    regex.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        try
        {
            return (new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant, RegexLimit), [.. names]);
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"path pattern '{pattern}': {e.Message}");
        }
    }

    private enum SegmentKind
    {
        Literal,
        AnySegment,
        Pattern,
        Rest,
    }

    private sealed record Segment(SegmentKind Kind, string? Literal, Regex? Regex, string[]? Names);
}
