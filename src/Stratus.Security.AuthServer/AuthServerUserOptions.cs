using System.ComponentModel.DataAnnotations;

namespace Stratus.Security.AuthServer;

/// <summary>A user who can sign in on the login page, <c>Stratus:AuthServer:Users:{n}</c>.</summary>
public sealed class AuthServerUserOptions
{
    /// <summary>The user name, compared without regard to case. Required.</summary>
    [Required]
    public string Username { get; set; } = "";

    /// <summary>
    /// The password, in clear in configuration for development; hashed (ASP.NET Core Identity's PBKDF2 format) before it
    /// is stored, and never stored or logged in clear. Required.
    /// </summary>
    [Required]
    public string Password { get; set; } = "";

    /// <summary>Roles, written in the <c>roles</c> claim of the user's tokens. Empty by default.</summary>
    public IList<string> Roles { get; } = new List<string>();
}
