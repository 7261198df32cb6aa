namespace Stratus.Security.AuthServer.Storage;

/// <summary>A user who can sign in, as stored: the password only as a hash.</summary>
internal sealed class UserRecord
{
    /// <summary>A stable subject identifier (the <c>sub</c> claim).</summary>
    public string Id { get; set; } = "";

    /// <summary>The user name as configured.</summary>
    public string Username { get; set; } = "";

    /// <summary>The user name in upper case, unique, for case-insensitive lookups.</summary>
    public string NormalizedUsername { get; set; } = "";

    /// <summary>ASP.NET Core Identity's PBKDF2 hash (format 3).</summary>
    public string PasswordHash { get; set; } = "";

    /// <summary>Roles, space-separated.</summary>
    public string Roles { get; set; } = "";
}
