using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Stratus.ConfigServer.Files;

namespace Stratus.ConfigServer.Flattened;

/// <summary>
/// Block-style YAML in the shape SnakeYAML's <c>dumpAsMap</c> gives: two-space indents, list items at their key's
/// indent, strings quoted only when a YAML 1.1 reader would otherwise read them as another type or syntax.
/// When the only key is <c>document</c> its value is written alone, as Spring does for non-map files.
/// </summary>
internal static partial class YamlText
{
    public static string Write(OrderedDictionary<string, object?> root)
    {
        var output = new StringBuilder();
        if (root.Count == 1 && root.TryGetValue("document", out var document))
        {
            if (document is List<object?> items)
            {
                WriteList(output, items, 0);
            }
            else
            {
                output.Append(Scalar(document)).Append('\n');
            }

            return output.ToString();
        }

        if (root.Count == 0)
        {
            return "{}\n";
        }

        WriteMap(output, root, 0);
        return output.ToString();
    }

    private static void WriteMap(StringBuilder output, OrderedDictionary<string, object?> map, int indent, bool firstInline = false)
    {
        var first = true;
        foreach (var (key, value) in map)
        {
            if (!(first && firstInline))
            {
                output.Append(' ', indent);
            }

            first = false;
            output.Append(Quote(key)).Append(':');
            switch (value)
            {
                case OrderedDictionary<string, object?> { Count: > 0 } nested:
                    output.Append('\n');
                    WriteMap(output, nested, indent + 2);
                    break;
                case List<object?> { Count: > 0 } list:
                    output.Append('\n');
                    WriteList(output, list, indent);
                    break;
                default:
                    output.Append(' ').Append(Scalar(value)).Append('\n');
                    break;
            }
        }
    }

    private static void WriteList(StringBuilder output, List<object?> list, int indent)
    {
        foreach (var item in list)
        {
            output.Append(' ', indent).Append("- ");
            switch (item)
            {
                case OrderedDictionary<string, object?> { Count: > 0 } map:
                    WriteMap(output, map, indent + 2, firstInline: true);
                    break;
                case List<object?> { Count: > 0 } nested:
                    output.Append('\n');
                    WriteList(output, nested, indent + 2);
                    break;
                default:
                    output.Append(Scalar(item)).Append('\n');
                    break;
            }
        }
    }

    private static string Scalar(object? value) => value switch
    {
        ConfigScalar { Kind: ScalarKind.String } s => Quote(s.Text),
        ConfigScalar s => s.Text,
        OrderedDictionary<string, object?> => "{}",
        List<object?> => "[]",
        _ => "null",
    };

    private static string Quote(string text)
    {
        if (text.Any(c => char.IsControl(c) && c != '\t'))
        {
            var escaped = new StringBuilder("\"");
            foreach (var c in text)
            {
                escaped.Append(c switch
                {
                    '"' => "\\\"",
                    '\\' => "\\\\",
                    '\n' => "\\n",
                    '\r' => "\\r",
                    _ when char.IsControl(c) => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                    _ => c.ToString(),
                });
            }

            return escaped.Append('"').ToString();
        }

        return NeedsQuotes(text) ? "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'" : text;
    }

    private static bool NeedsQuotes(string text) =>
        text.Length == 0 || text[0] is ' ' or '-' or '?' or ':' or ',' or '[' or ']' or '{' or '}' or '#' or '&' or '*' or '!' or '|' or '>' or '\'' or '"' or '%' or '@' or '`'
        || text[^1] == ' ' || text.Contains(": ", StringComparison.Ordinal) || text.Contains(" #", StringComparison.Ordinal) || text.EndsWith(':')
        || Resolvable().IsMatch(text);

    /// <summary>Plain scalars a YAML 1.1 reader would take for a boolean, number or null.</summary>
    [GeneratedRegex(@"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|~|null|Null|NULL|[-+]?(?:0b[01_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*(?::[0-5]?[0-9])*|(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+]?[0-9]+)?|\.(?:inf|Inf|INF))|\.(?:nan|NaN|NAN)|\d{4}-\d\d?-\d\d?.*)$")]
    private static partial Regex Resolvable();
}
