namespace Stratus.Config;

/// <summary>The last good remote configuration, kept on disk encrypted, for a start while the server is down.</summary>
public sealed class ConfigClientCacheOptions
{
    /// <summary>Keep and use the disk snapshot. Default <see langword="true"/>; ignored with fail-fast, which never starts on it.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Folder of the snapshots. Default <c>stratus/config-cache</c> under the user's local application data folder.</summary>
    public string? Path { get; set; }

    /// <summary>How long after a change the snapshot is written; the first write stays off the start-up path. Default 5 seconds.</summary>
    public TimeSpan WriteDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Passphrase of the snapshot encryption (AES-256-GCM, key by PBKDF2). Without it the ASP.NET Core data protection
    /// key ring of this user protects the snapshot. Never logged.
    /// </summary>
    public string? Key { get; set; }
}
