namespace Stratus.ConfigServer.Repositories.Git;

/// <summary>Where a Git repository lives: a local folder used in place, or a remote cloned into a base folder.</summary>
internal static class GitLocation
{
    /// <summary>True for <c>file:</c> URIs and plain paths; those repositories are read in place, never cloned.</summary>
    public static bool IsLocal(string uri) =>
        uri.StartsWith("file:", StringComparison.OrdinalIgnoreCase) || uri.StartsWith('/') || uri.StartsWith("./", StringComparison.Ordinal)
        || uri.StartsWith("../", StringComparison.Ordinal) || !uri.Contains("://", StringComparison.Ordinal);

    /// <summary>The local folder of a <c>file:</c> URI or plain path.</summary>
    public static string LocalPath(string uri)
    {
        if (uri.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.IsFile
                ? Path.GetFullPath(parsed.LocalPath)
                : Path.GetFullPath(uri["file:".Length..]);
        }

        return Path.GetFullPath(uri);
    }

    /// <summary>The URI with any user information replaced by <c>***</c>, for logs and health.</summary>
    public static string Mask(string uri)
    {
        var scheme = uri.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0)
        {
            return uri;
        }

        var hostStart = scheme + 3;
        var pathStart = uri.IndexOf('/', hostStart);
        var at = uri.LastIndexOf('@', pathStart < 0 ? uri.Length - 1 : pathStart);
        return at < hostStart ? uri : string.Concat(uri.AsSpan(0, hostStart), "***@", uri.AsSpan(at + 1));
    }
}
