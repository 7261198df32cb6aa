namespace Stratus.ConfigServer;

/// <summary>A backend of plain folders. [<c>spring.cloud.config.server.native.*</c>]</summary>
public sealed class NativeRepositoryOptions
{
    /// <summary>Folders to serve (paths or <c>file:</c> URIs), with <c>{application}</c>, <c>{profile}</c> and <c>{label}</c> placeholders. Default: none.</summary>
    public IList<string> SearchLocations { get; } = new List<string>();

    /// <summary>The <c>version</c> reported for this backend. Default: none (null, like Spring).</summary>
    public string? Version { get; set; }

    /// <summary>Also search <c>{location}/{label}/</c> when a request names a label. Default true, like Spring.</summary>
    public bool AddLabelLocations { get; set; } = true;
}
