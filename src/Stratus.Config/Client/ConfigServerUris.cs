namespace Stratus.Config.Client;

/// <summary>The comma-separated server URI list: split it, and print a URI with any password masked.</summary>
internal static class ConfigServerUris
{
    public static string[] Split(string uris) => uris.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The URI with the user-info part (<c>user:secret@</c>) replaced by <c>***@</c>, for logs and messages.</summary>
    public static string Mask(string uri)
    {
        var scheme = uri.IndexOf("://", StringComparison.Ordinal);
        var start = scheme < 0 ? 0 : scheme + 3;
        var end = uri.IndexOfAny(['/', '?', '#'], start);
        var at = uri.LastIndexOf('@', end < 0 ? uri.Length - 1 : end - 1);
        return at >= start ? string.Concat(uri.AsSpan(0, start), "***", uri.AsSpan(at)) : uri;
    }
}
