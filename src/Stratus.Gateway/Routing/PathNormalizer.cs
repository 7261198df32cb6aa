namespace Stratus.Gateway.Routing;

/// <summary>
/// The one normalised path that decides routing, authorisation and what is sent upstream. Kestrel has already decoded
/// the path (all but <c>%2F</c>) and removed <c>.</c> and <c>..</c> segments. Here repeated slashes collapse
/// (<c>//admin</c> is <c>/admin</c>), and what an upstream could read differently is refused: an encoded slash or
/// backslash (<c>..%2fadmin</c>), a backslash, a control character, a dot segment that survived. Matrix parameters
/// (<c>/admin;x=y</c>) stay in the path sent on but are ignored for matching, so <c>/admin;x=y</c> is <c>/admin</c>
/// for routing and authorisation alike.
/// </summary>
internal static class PathNormalizer
{
    /// <summary>The normalised path, or <see langword="null"/> with <paramref name="problem"/> set when the path is refused.</summary>
    public static string? Normalize(string? path, out string? problem)
    {
        problem = null;
        if (string.IsNullOrEmpty(path))
        {
            return "/";
        }

        // One pass finds whether anything needs a closer look; most paths need none and are returned as they are.
        var suspicious = false;
        var doubleSlash = false;
        for (var i = 0; i < path.Length; i++)
        {
            var c = path[i];
            if (c == '\\' || char.IsControl(c))
            {
                problem = "a backslash or control character in the path is not allowed";
                return null;
            }

            if (c == '%' || c == '.')
            {
                suspicious = true;
            }
            else if (c == '/' && i > 0 && path[i - 1] == '/')
            {
                doubleSlash = true;
            }
        }

        if (suspicious && (path.Contains("%2f", StringComparison.OrdinalIgnoreCase) || path.Contains("%5c", StringComparison.OrdinalIgnoreCase)))
        {
            problem = "an encoded slash or backslash in the path is not allowed";
            return null;
        }

        var clean = path;
        if (doubleSlash)
        {
            var parts = clean.Split('/', StringSplitOptions.RemoveEmptyEntries);
            clean = "/" + string.Join('/', parts) + (clean.EndsWith('/') && parts.Length > 0 ? "/" : string.Empty);
        }

        if (suspicious)
        {
            foreach (var segment in clean.Split('/'))
            {
                var name = segment.Split(';')[0];
                if (name is "." or "..")
                {
                    problem = "a dot segment in the path is not allowed";
                    return null;
                }
            }
        }

        return clean[0] == '/' ? clean : "/" + clean;
    }

    public static string WithoutMatrixParameters(string path)
    {
        if (!path.Contains(';', StringComparison.Ordinal))
        {
            return path;
        }

        return string.Join('/', path.Split('/').Select(segment => segment.Split(';')[0]));
    }
}
