using System.Text;
using Stratus.ConfigServer.Environment;
using Stratus.ConfigServer.Files;

namespace Stratus.ConfigServer.Flattened;

/// <summary>
/// Resolves <c>${key}</c> and <c>${key:default}</c> against the environment's own property sources (never the server's
/// environment variables), highest precedence first. Unknown keys and circular references are left as written; depth
/// and output size are bounded so a hostile file cannot blow up a request.
/// </summary>
internal sealed class PlaceholderResolver
{
    private const int MaxDepth = 16;
    private const int MaxLength = 1 << 20;
    private readonly ConfigEnvironment _environment;

    public PlaceholderResolver(ConfigEnvironment environment) => _environment = environment;

    public string Resolve(string text) => Resolve(text, 0, []);

    public ConfigScalar Resolve(ConfigScalar value) =>
        value.Kind == ScalarKind.String && value.Text.Contains("${", StringComparison.Ordinal) ? ConfigScalar.String(Resolve(value.Text)) : value;

    private string Resolve(string text, int depth, HashSet<string> visiting)
    {
        if (depth > MaxDepth || !text.Contains("${", StringComparison.Ordinal))
        {
            return text;
        }

        var output = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var start = text.IndexOf("${", i, StringComparison.Ordinal);
            if (start < 0)
            {
                output.Append(text, i, text.Length - i);
                break;
            }

            var end = Close(text, start + 2);
            if (end < 0)
            {
                output.Append(text, i, text.Length - i);
                break;
            }

            output.Append(text, i, start - i);
            var inner = Resolve(text[(start + 2)..end], depth + 1, visiting);
            var colon = inner.IndexOf(':', StringComparison.Ordinal);
            var key = colon < 0 ? inner : inner[..colon];
            if (!visiting.Contains(key) && Lookup(key) is { } found)
            {
                visiting.Add(key);
                output.Append(Resolve(found, depth + 1, visiting));
                visiting.Remove(key);
            }
            else if (colon >= 0)
            {
                output.Append(inner, colon + 1, inner.Length - colon - 1);
            }
            else
            {
                output.Append(text, start, end - start + 1);
            }

            if (output.Length > MaxLength)
            {
                return text;
            }

            i = end + 1;
        }

        return output.ToString();
    }

    private static int Close(string text, int from)
    {
        var nesting = 0;
        for (var i = from; i < text.Length; i++)
        {
            if (text[i] == '{' && i > 0 && text[i - 1] == '$')
            {
                nesting++;
            }
            else if (text[i] == '}')
            {
                if (nesting == 0)
                {
                    return i;
                }

                nesting--;
            }
        }

        return -1;
    }

    private string? Lookup(string key)
    {
        foreach (var source in _environment.PropertySources)
        {
            foreach (var property in source.Properties)
            {
                if (string.Equals(property.Key, key, StringComparison.Ordinal))
                {
                    return property.Value.Text;
                }
            }
        }

        return null;
    }
}
