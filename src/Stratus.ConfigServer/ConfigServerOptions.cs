namespace Stratus.ConfigServer;

/// <summary>Settings of the config server, bound from <c>Stratus:ConfigServer</c> (Spring's <c>spring.cloud.config.server.*</c> names are accepted too).</summary>
public sealed class ConfigServerOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Stratus:ConfigServer";

    /// <summary>Path prefix for every endpoint, e.g. <c>/config</c>. Default: none. [<c>spring.cloud.config.server.prefix</c>]</summary>
    public string? Prefix { get; set; }

    /// <summary>A Git repository to serve. Used when <see cref="GitRepositoryOptions.Uri"/> is set.</summary>
    public GitRepositoryOptions Git { get; set; } = new();

    /// <summary>Plain folders to serve ("native" backend). Used when <see cref="NativeRepositoryOptions.SearchLocations"/> is set.</summary>
    public NativeRepositoryOptions Native { get; set; } = new();

    /// <summary>
    /// Several backends merged in order, the first one winning on a key that several define. Each entry has a
    /// <see cref="CompositeRepositoryOptions.Type"/> (<c>git</c> or <c>native</c>) and that backend's settings.
    /// When set, <see cref="Git"/> and <see cref="Native"/> are ignored.
    /// </summary>
    public IList<CompositeRepositoryOptions> Composite { get; } = new List<CompositeRepositoryOptions>();

    /// <summary>Keys for <c>{cipher}</c> values and the <c>/encrypt</c> endpoints.</summary>
    public EncryptOptions Encrypt { get; set; } = new();

    /// <summary>Who may read which application, and who may use the admin endpoints.</summary>
    public ConfigServerSecurityOptions Security { get; set; } = new();

    /// <summary>
    /// Answer an application with no configuration files with an empty list of property sources (true, Spring's default)
    /// rather than 404. [<c>spring.cloud.config.server.accept-empty</c>]
    /// </summary>
    public bool AcceptEmpty { get; set; } = true;

    /// <summary>Largest configuration file the server parses, in bytes. Default 3 MiB (SnakeYAML's limit). Larger files are an error for the applications that use them.</summary>
    public int MaxFileSize { get; set; } = 3 * 1024 * 1024;

    /// <summary>Longest time a watch request waits for a change before answering 304. Default 30 s.</summary>
    public TimeSpan WatchTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Most watch requests waiting at once; more are answered 503. Default 10,000.</summary>
    public int MaxWatchers { get; set; } = 10_000;

    /// <summary>Shared secret for <c>/monitor</c> webhooks (GitHub <c>X-Hub-Signature-256</c>, GitLab <c>X-Gitlab-Token</c>, Gitea <c>X-Gitea-Signature</c>). Default: none.</summary>
    public string? MonitorSecret { get; set; }
}
