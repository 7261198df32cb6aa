namespace Stratus.Config;

/// <summary>
/// Settings of the config client, bound from <c>Stratus:Config</c>; Spring's <c>spring.cloud.config.*</c>,
/// <c>spring.application.name</c>, <c>spring.profiles.active</c> and <c>encrypt.*</c> names also work.
/// </summary>
public sealed class ConfigClientOptions
{
    /// <summary>Configuration section: <c>Stratus:Config</c>.</summary>
    public const string SectionName = "Stratus:Config";

    /// <summary>Fetch configuration from a config server at all. Default <see langword="true"/>. Spring: <c>spring.cloud.config.enabled</c>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Config server base URIs, comma separated, tried in order with fail-over. Default <c>http://localhost:8888</c>.
    /// Credentials may sit in the URI (<c>http://user:secret@host:8888</c>). Spring: <c>spring.cloud.config.uri</c>.
    /// </summary>
    public string Uri { get; set; } = "http://localhost:8888";

    /// <summary>Application name asked for. Default: <c>spring.application.name</c>, else the host's application name. Spring: <c>spring.cloud.config.name</c>.</summary>
    public string? Name { get; set; }

    /// <summary>Profiles asked for, comma separated. Default: <c>spring.profiles.active</c>, else the host's environment name in lower case. Spring: <c>spring.cloud.config.profile</c>.</summary>
    public string? Profile { get; set; }

    /// <summary>Label (branch, tag or commit) asked for; a <c>/</c> is sent as <c>(_)</c>. Default: the server's default label. Spring: <c>spring.cloud.config.label</c>.</summary>
    public string? Label { get; set; }

    /// <summary>Stop the process when the server cannot be reached at start, after the retries. Default <see langword="false"/>. Spring: <c>spring.cloud.config.fail-fast</c>.</summary>
    public bool FailFast { get; set; }

    /// <summary>Retries of the first fetch when <see cref="FailFast"/> is set. Spring: <c>spring.cloud.config.retry.*</c>.</summary>
    public ConfigClientRetryOptions Retry { get; set; } = new();

    /// <summary>User name for HTTP Basic authentication (overrides one in the URI). Spring: <c>spring.cloud.config.username</c>.</summary>
    public string? Username { get; set; }

    /// <summary>Password for HTTP Basic authentication. Never logged. Spring: <c>spring.cloud.config.password</c>.</summary>
    public string? Password { get; set; }

    /// <summary>Value of the <c>X-Config-Token</c> header (Vault, CredHub backends). Never logged. Spring: <c>spring.cloud.config.token</c>.</summary>
    public string? Token { get; set; }

    /// <summary>Time limit of one fetch (watch requests get their wait on top). Default 10 seconds. Spring: <c>spring.cloud.config.request-read-timeout</c> (185 s there).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Live refresh through the server's watch endpoint. </summary>
    public ConfigClientWatchOptions Watch { get; set; } = new();

    /// <summary>The last good configuration kept on disk, used when the server cannot be reached at start.</summary>
    public ConfigClientCacheOptions Cache { get; set; } = new();

    /// <summary>Decrypt <c>{cipher}</c> values the server left encrypted. Spring: <c>encrypt.key</c>, <c>encrypt.salt</c>.</summary>
    public ConfigClientEncryptOptions Encrypt { get; set; } = new();

    /// <summary>Find the config server through the service registry instead of <see cref="Uri"/>. Spring: <c>spring.cloud.config.discovery.*</c>.</summary>
    public ConfigClientDiscoveryOptions Discovery { get; set; } = new();
}
