namespace Stratus.Aspire.Hosting.ConfigServer;

/// <summary>What a config server serves: a Git repository (URL or local repository) or plain folders.</summary>
internal sealed record ConfigRepository(bool IsGit, string Location)
{
    /// <summary>
    /// A URL (<c>http</c>, <c>https</c>, <c>ssh</c>, <c>git</c>, <c>file</c>, or <c>user@host:path</c>) or a local folder
    /// with a <c>.git</c> folder (or a bare repository) is Git; any other existing folder is served as plain files.
    /// </summary>
    /// <exception cref="ArgumentException">The location is empty.</exception>
    /// <exception cref="DirectoryNotFoundException">A local folder that does not exist.</exception>
    public static ConfigRepository From(string location, string baseDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        location = location.Trim();
        if (IsRemote(location))
        {
            return new(true, location);
        }

        var folder = Path.GetFullPath(location, baseDirectory);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"The config repository folder '{folder}' does not exist.");
        }

        var isGit = Directory.Exists(Path.Combine(folder, ".git")) || File.Exists(Path.Combine(folder, ".git"))
            || (File.Exists(Path.Combine(folder, "HEAD")) && Directory.Exists(Path.Combine(folder, "objects")));
        return new(isGit, folder);
    }

    private static bool IsRemote(string location)
    {
        // On Unix an absolute path parses as a file URI: only a written scheme makes a URL.
        var written = location.Contains("://", StringComparison.Ordinal) || location.StartsWith("file:", StringComparison.OrdinalIgnoreCase);
        if (written && Uri.TryCreate(location, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "ssh" or "git" or "file")
        {
            return true;
        }

        // scp-like Git syntax: git@github.com:org/repo.git
        var colon = location.IndexOf(':', StringComparison.Ordinal);
        var at = location.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && colon > at && !location.Contains('\\', StringComparison.Ordinal);
    }
}
