namespace Stratus.ConfigServer;

/// <summary>A client that may read some applications.</summary>
public sealed class ConfigClientCredentials
{
    /// <summary>The client's password. Never logged.</summary>
    public string? Password { get; set; }

    /// <summary>Applications this client may read: names, or <c>*</c> for all. The shared <c>application</c> files come with each.</summary>
    public IList<string> Applications { get; } = new List<string>();
}
