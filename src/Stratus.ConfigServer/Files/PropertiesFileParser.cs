using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace Stratus.ConfigServer.Files;

/// <summary>
/// Reads a <c>.properties</c> file the way Spring Boot's <c>OriginTrackedPropertiesLoader</c> does: Java escapes and
/// continuation lines, <c>=</c>, <c>:</c> or whitespace between key and value, <c>#</c>/<c>!</c> comments,
/// <c>name[]=a,b</c> list expansion, and <c>#---</c>/<c>!---</c> document separators. Every value is a string.
/// </summary>
/// <remarks>
/// Differences from Boot: the file is decoded as strict UTF-8 (Boot reads ISO-8859-1), and keys and values keep
/// their trailing whitespace exactly as Boot 3 does (keys are trimmed like Java's <c>String.trim</c>).
/// A separator line must start at column 1, have exactly three hyphens, and must not directly follow a comment with
/// the same prefix; a comment with the same prefix right after it (before any property) cancels it.
/// </remarks>
internal static class PropertiesFileParser
{
    public static ConfigFile Parse(ReadOnlySpan<byte> utf8)
    {
        var text = Utf8Text.TryDecode(utf8, out var decodeError);
        if (text is null)
        {
            return ConfigFile.Failed(decodeError!);
        }

        try
        {
            return new ConfigFile(ReadDocuments(new PropertiesReader(text)), null);
        }
        catch (FormatException e)
        {
            return ConfigFile.Failed(e.Message);
        }
    }

    private static ImmutableArray<ConfigDocument> ReadDocuments(PropertiesReader reader)
    {
        var documents = new List<DocumentBuilder>();
        var document = new DocumentBuilder();
        int? separatorPrefix = null;
        int? lastCommentPrefix = null;
        var buffer = new StringBuilder();
        while (reader.Read())
        {
            if (reader.IsCommentPrefix)
            {
                var prefix = reader.Current;
                if (reader.Column == 0 && prefix != lastCommentPrefix && reader.RestOfLineIsSeparator())
                {
                    if (document.Count > 0)
                    {
                        documents.Add(document);
                    }

                    document = new DocumentBuilder();
                    separatorPrefix = prefix;
                    lastCommentPrefix = null;
                }
                else
                {
                    if (document.Count == 0 && documents.Count > 0 && prefix == separatorPrefix)
                    {
                        document = documents[^1];
                        documents.RemoveAt(documents.Count - 1);
                    }

                    separatorPrefix = null;
                    lastCommentPrefix = prefix;
                }

                reader.SkipToEndOfLine();
                continue;
            }

            lastCommentPrefix = null;
            if (!reader.IsEndOfLine)
            {
                separatorPrefix = null;
            }

            LoadKeyAndValue(reader, document, buffer);
        }

        if (document.Count > 0)
        {
            documents.Add(document);
        }

        return [.. documents.Select(d => d.Build())];
    }

    private static void LoadKeyAndValue(PropertiesReader reader, DocumentBuilder document, StringBuilder buffer)
    {
        var key = JavaTrim(LoadKey(reader, buffer));
        if (key.EndsWith("[]", StringComparison.Ordinal))
        {
            key = key[..^2];
            var index = 0;
            do
            {
                var (value, line, column) = LoadValue(reader, buffer, splitLists: true);
                Put(document, key + "[" + index++.ToString(CultureInfo.InvariantCulture) + "]", value, line, column);
                if (!reader.IsEndOfLine)
                {
                    reader.Read();
                }
            }
            while (!reader.IsEndOfLine);
        }
        else
        {
            var (value, line, column) = LoadValue(reader, buffer, splitLists: false);
            Put(document, key, value, line, column);
        }
    }

    private static void Put(DocumentBuilder document, string key, string value, int line, int column)
    {
        if (key.Length > 0)
        {
            document.Add(key, ConfigScalar.String(value), line, column);
        }
    }

    // The key ends at an unescaped '=' or ':' (consumed), or at the first non-blank after blanks (the value's start).
    private static string LoadKey(PropertiesReader reader, StringBuilder buffer)
    {
        buffer.Clear();
        var previousWhitespace = false;
        while (!reader.IsEndOfLine)
        {
            if (reader.IsPropertyDelimiter)
            {
                reader.Read();
                break;
            }

            if (!reader.IsWhitespace && previousWhitespace)
            {
                break;
            }

            previousWhitespace = reader.IsWhitespace;
            buffer.Append((char)reader.Current);
            reader.Read();
        }

        return buffer.ToString();
    }

    private static (string Value, int Line, int Column) LoadValue(PropertiesReader reader, StringBuilder buffer, bool splitLists)
    {
        buffer.Clear();
        while (reader.IsWhitespace && !reader.IsEndOfLine)
        {
            reader.Read();
        }

        var line = reader.Line;
        var column = reader.Column + 1;
        while (!reader.IsEndOfLine && !(splitLists && reader.IsListDelimiter))
        {
            buffer.Append((char)reader.Current);
            reader.Read();
        }

        return (buffer.ToString(), line, column);
    }

    // Java's String.trim: removes every char up to U+0020 at both ends.
    private static string JavaTrim(string value)
    {
        var start = 0;
        var end = value.Length;
        while (start < end && value[start] <= ' ')
        {
            start++;
        }

        while (end > start && value[end - 1] <= ' ')
        {
            end--;
        }

        return value[start..end];
    }
}
