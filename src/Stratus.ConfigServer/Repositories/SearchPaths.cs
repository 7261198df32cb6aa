namespace Stratus.ConfigServer.Repositories;

/// <summary>
/// Expands search paths the way Spring does: <c>{application}</c>, <c>{profile}</c> and <c>{label}</c> replaced once per
/// application and profile, then <c>*</c> and <c>?</c> matched against the folders of the tree, in order, without repeats.
/// </summary>
internal static class SearchPaths
{
    public static IReadOnlyList<string> Expand(IConfigTree tree, IEnumerable<string> patterns, EnvironmentRequest request, string? label)
    {
        var output = new List<string>();
        foreach (var pattern in patterns)
        {
            foreach (var profile in request.Profiles)
            {
                foreach (var application in request.Applications)
                {
                    var value = pattern.Replace("{application}", application, StringComparison.Ordinal)
                        .Replace("{profile}", profile, StringComparison.Ordinal);
                    if (label is not null)
                    {
                        value = value.Replace("{label}", label, StringComparison.Ordinal);
                    }

                    foreach (var directory in Match(tree, Normalize(value)))
                    {
                        if (!output.Contains(directory, StringComparer.Ordinal))
                        {
                            output.Add(directory);
                        }
                    }
                }
            }
        }

        return output;
    }

    /// <summary>"/" and "" are the root; anything else becomes <c>a/b/</c>. Returns null for paths that try to leave the tree.</summary>
    private static string? Normalize(string value)
    {
        var parts = value.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Any(p => p is "." or ".." || p.Contains('{', StringComparison.Ordinal) || p.Contains(':', StringComparison.Ordinal)))
        {
            return null;
        }

        return parts.Length == 0 ? string.Empty : string.Join('/', parts) + "/";
    }

    private static List<string> Match(IConfigTree tree, string? pattern)
    {
        if (pattern is null)
        {
            return [];
        }

        if (pattern.IndexOfAny(['*', '?']) < 0)
        {
            return tree.DirectoryExists(pattern) ? [pattern] : [];
        }

        var matches = new List<string> { string.Empty };
        foreach (var part in pattern.TrimEnd('/').Split('/'))
        {
            var next = new List<string>();
            foreach (var prefix in matches)
            {
                if (part.IndexOfAny(['*', '?']) < 0)
                {
                    if (tree.DirectoryExists(prefix + part))
                    {
                        next.Add(prefix + part + "/");
                    }

                    continue;
                }

                foreach (var name in tree.ListDirectories(prefix.TrimEnd('/')).Order(StringComparer.Ordinal))
                {
                    if (Wildcard(part, name))
                    {
                        next.Add(prefix + name + "/");
                    }
                }
            }

            matches = next;
        }

        return matches;
    }

    private static bool Wildcard(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        while (true)
        {
            if (pattern.IsEmpty)
            {
                return text.IsEmpty;
            }

            if (pattern[0] == '*')
            {
                for (var i = 0; i <= text.Length; i++)
                {
                    if (Wildcard(pattern[1..], text[i..]))
                    {
                        return true;
                    }
                }

                return false;
            }

            if (text.IsEmpty || (pattern[0] != '?' && pattern[0] != text[0]))
            {
                return false;
            }

            pattern = pattern[1..];
            text = text[1..];
        }
    }
}
