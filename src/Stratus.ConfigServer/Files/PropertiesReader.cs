using System.Globalization;

namespace Stratus.ConfigServer.Files;

/// <summary>
/// Character cursor over a <c>.properties</c> text with Java's escape rules: <c>\t \r \n \f \uXXXX</c>, any other
/// escaped character stands for itself and is never a separator, whitespace or line end; a backslash before a line
/// break joins the next line with its leading whitespace removed. <c>\r\n</c> and <c>\r</c> count as line breaks.
/// </summary>
/// <remarks>
/// Columns are counted the way Spring Boot's loader counts them: one per character read, where a whole escape sequence
/// counts as one. Unlike Boot, an empty value's origin is the line end on the key's own line, not the next line.
/// </remarks>
internal sealed class PropertiesReader(string text)
{
    private const int EndOfFile = -1;

    private readonly string _text = text;
    private int _position;
    private int _nextLine = 1;
    private int _column = -1;
    private int _lineEndColumn;

    /// <summary>The current character, or -1 at the end of the file.</summary>
    public int Current { get; private set; }

    /// <summary>True when <see cref="Current"/> came from an escape sequence.</summary>
    public bool Escaped { get; private set; }

    /// <summary>1-based line of <see cref="Current"/>.</summary>
    public int Line { get; private set; } = 1;

    /// <summary>0-based column of <see cref="Current"/> (Boot's counting).</summary>
    public int Column => IsEndOfLine && Current != EndOfFile ? _lineEndColumn : _column;

    public bool IsEndOfFile => Current == EndOfFile;

    public bool IsEndOfLine => Current == EndOfFile || (!Escaped && Current == '\n');

    public bool IsWhitespace => !Escaped && Current is ' ' or '\t' or '\f';

    public bool IsPropertyDelimiter => !Escaped && Current is '=' or ':';

    public bool IsListDelimiter => !Escaped && Current == ',';

    public bool IsCommentPrefix => !Escaped && Current is '#' or '!';

    /// <summary>
    /// Moves to the next character; at a line start, leading whitespace is skipped first. Continuation lines are
    /// joined in a loop (never recursion), so a file of a million backslash lines cannot exhaust the stack.
    /// </summary>
    public bool Read()
    {
        Escaped = false;
        Current = ReadRaw();
        _column++;
        while (true)
        {
            if (_column == 0)
            {
                while (IsWhitespace)
                {
                    Current = ReadRaw();
                    _column++;
                }
            }

            if (Current != '\\')
            {
                break;
            }

            Current = ReadRaw();
            if (Current == '\n')
            {
                Current = ReadRaw();
                _column = 0;
                continue;
            }

            Escaped = true;
            Current = Current switch
            {
                't' => '\t',
                'r' => '\r',
                'n' => '\n',
                'f' => '\f',
                'u' => ReadUnicode(),
                _ => Current,
            };
            return !IsEndOfFile;
        }

        if (Current == '\n')
        {
            _lineEndColumn = _column;
            _column = -1;
        }

        return !IsEndOfFile;
    }

    /// <summary>True when the rest of the current line, after the current character, is <c>---</c> and optional whitespace.</summary>
    public bool RestOfLineIsSeparator()
    {
        var i = _position;
        for (var hyphen = 0; hyphen < 3; hyphen++, i++)
        {
            if (i >= _text.Length || _text[i] != '-')
            {
                return false;
            }
        }

        while (i < _text.Length && _text[i] is ' ' or '\t' or '\f')
        {
            i++;
        }

        return i >= _text.Length || _text[i] is '\n' or '\r';
    }

    /// <summary>Skips to the end of the current line, ignoring escapes (the rest of a comment).</summary>
    public void SkipToEndOfLine()
    {
        while (Current != EndOfFile && Current != '\n')
        {
            Current = ReadRaw();
        }

        Escaped = false;
        _lineEndColumn = _column;
        _column = -1;
    }

    private int ReadUnicode()
    {
        var value = 0;
        for (var i = 0; i < 4; i++)
        {
            var digit = ReadRaw();
            var nibble = digit switch
            {
                >= '0' and <= '9' => digit - '0',
                >= 'a' and <= 'f' => digit - 'a' + 10,
                >= 'A' and <= 'F' => digit - 'A' + 10,
                _ => -1,
            };
            if (nibble < 0)
            {
                throw new FormatException("malformed \\uXXXX escape at line " + Line.ToString(CultureInfo.InvariantCulture));
            }

            value = (value << 4) + nibble;
        }

        return value;
    }

    // One character with line breaks normalised to '\n'; tracks the line of the character returned.
    private int ReadRaw()
    {
        Line = _nextLine;
        if (_position >= _text.Length)
        {
            return EndOfFile;
        }

        var c = _text[_position++];
        if (c == '\r')
        {
            if (_position < _text.Length && _text[_position] == '\n')
            {
                _position++;
            }

            c = '\n';
        }

        if (c == '\n')
        {
            _nextLine++;
        }

        return c;
    }
}
