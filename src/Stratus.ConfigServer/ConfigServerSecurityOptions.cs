namespace Stratus.ConfigServer;

/// <summary>Credentials of the config server. With none set, reads are open and admin endpoints answer only on loopback.</summary>
public sealed class ConfigServerSecurityOptions
{
    /// <summary>Admin user (HTTP basic): may read every application and use <c>/encrypt</c>, <c>/decrypt</c>, <c>/monitor</c> and <c>/actuator/refresh</c>.</summary>
    public string? Username { get; set; }

    /// <summary>Password of the admin user. Never logged.</summary>
    public string? Password { get; set; }

    /// <summary>
    /// Clients by user name, each with a password and the applications it may read (comma list, <c>*</c> for all).
    /// When any client or the admin user is set, every read needs credentials.
    /// </summary>
    public IDictionary<string, ConfigClientCredentials> Clients { get; } = new Dictionary<string, ConfigClientCredentials>(StringComparer.Ordinal);

    internal bool ReadsRequireAuthentication => !string.IsNullOrEmpty(Username) || Clients.Count > 0;
}
