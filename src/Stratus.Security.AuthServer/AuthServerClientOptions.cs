using System.ComponentModel.DataAnnotations;

namespace Stratus.Security.AuthServer;

/// <summary>A client application, <c>Stratus:AuthServer:Clients:{n}</c>.</summary>
public sealed class AuthServerClientOptions
{
    /// <summary>The client id. Required.</summary>
    [Required]
    public string ClientId { get; set; } = "";

    /// <summary>
    /// The client secret; stored only as a salted PBKDF2 hash. None makes a public client, which may only use the
    /// authorization code flow and must send a PKCE S256 challenge.
    /// </summary>
    public string? ClientSecret { get; set; }

    /// <summary>A display name. Default: the client id.</summary>
    public string? DisplayName { get; set; }

    /// <summary>Scopes the client may ask for, for example <c>openid</c>, <c>licenses.read</c>. Empty by default.</summary>
    public IList<string> Scopes { get; } = new List<string>();

    /// <summary>
    /// Grant types: <c>client_credentials</c>, <c>authorization_code</c>, <c>refresh_token</c>. Default: none, which
    /// means <c>client_credentials</c> for a confidential client and <c>authorization_code</c> for a public one.
    /// </summary>
    public IList<string> GrantTypes { get; } = new List<string>();

    /// <summary>Absolute redirect URIs for the authorization code flow; matched exactly. Empty by default.</summary>
    public IList<string> RedirectUris { get; } = new List<string>();

    /// <summary>
    /// Require PKCE (S256) from this confidential client too. Default <see langword="false"/>, as in Spring Authorization
    /// Server; public clients always need it.
    /// </summary>
    public bool RequirePkce { get; set; }

    /// <summary>Whether the client has no secret.</summary>
    internal bool IsPublic => string.IsNullOrEmpty(ClientSecret);
}
