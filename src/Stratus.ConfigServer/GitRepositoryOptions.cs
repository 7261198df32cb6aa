namespace Stratus.ConfigServer;

/// <summary>A Git backend. [<c>spring.cloud.config.server.git.*</c>]</summary>
public sealed class GitRepositoryOptions
{
    /// <summary>
    /// Repository to serve: a local path, a <c>file:</c> URI, or an <c>http(s)://</c> URL. May contain <c>{application}</c>
    /// for a repository per application. Default: none.
    /// </summary>
    public string? Uri { get; set; }

    /// <summary>Label served when a request names none. Default <c>main</c>, falling back to <c>master</c> when <see cref="TryMasterBranch"/> is on.</summary>
    public string DefaultLabel { get; set; } = "main";

    /// <summary>Try <c>master</c> when the default label <c>main</c> does not exist. Default true.</summary>
    public bool TryMasterBranch { get; set; } = true;

    /// <summary>Folders searched besides the root, with <c>{application}</c>, <c>{profile}</c> and <c>{label}</c> placeholders and <c>*</c> wildcards.</summary>
    public IList<string> SearchPaths { get; } = new List<string>();

    /// <summary>User name for HTTP(S) remotes. Default: none.</summary>
    public string? Username { get; set; }

    /// <summary>Password or token for HTTP(S) remotes. Never logged. Default: none.</summary>
    public string? Password { get; set; }

    /// <summary>How often the remote is fetched in the background. Requests never wait for a fetch. Default 5 s.</summary>
    public TimeSpan RefreshRate { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Accepted for Spring compatibility: the server keeps no working tree, so local changes never block a fetch and
    /// every fetch is forced. Default false.
    /// </summary>
    public bool ForcePull { get; set; }

    /// <summary>Clone before the server accepts requests, and fail start-up when the clone fails. Default false: the clone runs in the background.</summary>
    public bool CloneOnStart { get; set; }

    /// <summary>Folder that holds clones of remote repositories. Default: a new folder under the system temp directory.</summary>
    public string? BaseDir { get; set; }

    /// <summary>Network timeout of one fetch, and how long a request made before the first clone finished waits for it. Default 5 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);
}
