namespace Stratus.Config.Client;

/// <summary>Where the configuration the client serves came from.</summary>
internal enum SnapshotOrigin
{
    /// <summary>Nothing remote: local configuration only.</summary>
    None,

    /// <summary>The config server.</summary>
    Server,

    /// <summary>The snapshot saved on disk after an earlier good fetch.</summary>
    DiskCache,
}
