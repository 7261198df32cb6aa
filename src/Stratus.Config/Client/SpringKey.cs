using System.Text;

namespace Stratus.Config.Client;

/// <summary>
/// Spring's flat property names in .NET configuration form, so options bind from nested sections:
/// <c>orders.retry.max</c> → <c>orders:retry:max</c>, <c>hosts[0]</c> → <c>hosts:0</c>,
/// <c>map[a.b].c</c> → <c>map:a.b:c</c> (a dot inside brackets belongs to the key).
/// </summary>
internal static class SpringKey
{
    public static string ToConfigurationKey(string springKey)
    {
        if (springKey.AsSpan().IndexOfAny('.', '[') < 0)
        {
            return springKey;
        }

        var text = new StringBuilder(springKey.Length);
        var inBrackets = false;
        foreach (var c in springKey)
        {
            switch (c)
            {
                case '[' when !inBrackets:
                    inBrackets = true;
                    AppendSeparator(text);
                    break;
                case ']' when inBrackets:
                    inBrackets = false;
                    break;
                case '.' when !inBrackets:
                    AppendSeparator(text);
                    break;
                default:
                    text.Append(c);
                    break;
            }
        }

        return text.ToString();
    }

    private static void AppendSeparator(StringBuilder text)
    {
        if (text.Length > 0 && text[^1] != ':')
        {
            text.Append(':');
        }
    }
}
