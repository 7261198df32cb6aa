using Microsoft.Extensions.Options;

namespace Stratus.Security.AuthServer;

/// <summary>Settings of the authorisation server, bound from <c>Stratus:AuthServer</c>.</summary>
public sealed class AuthServerOptions
{
    /// <summary>Configuration section: <c>Stratus:AuthServer</c>.</summary>
    public const string SectionName = "Stratus:AuthServer";

    /// <summary>
    /// The issuer written in discovery and in the <c>iss</c> claim, for example <c>https://auth.example.com/</c>.
    /// Default: none, the base address of each request (so <c>http://127.0.0.1:9000/</c> for the role's default URL).
    /// Set it behind a proxy so every token names the public address. A root issuer always ends with a slash.
    /// </summary>
    public Uri? Issuer { get; set; }

    /// <summary>Lifetime of access tokens. Default 5 minutes (Spring Authorization Server's).</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Lifetime of refresh tokens. Default 60 minutes (Spring Authorization Server's).</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromMinutes(60);

    /// <summary>Lifetime of authorization codes. Default 5 minutes.</summary>
    public TimeSpan AuthorizationCodeLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Lifetime of identity tokens. Default 30 minutes.</summary>
    public TimeSpan IdentityTokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Lifetime of the login cookie that lets the code flow skip the login form. Default 30 minutes.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Seed the documented demo client, scopes and user (<c>demo-client</c>, <c>demo</c>). Default: none, which means
    /// on in the Development environment and off elsewhere.
    /// </summary>
    public bool? EnableDemo { get; set; }

    /// <summary>Clients seeded into the database at start, <c>Stratus:AuthServer:Clients:{n}</c>. Empty by default.</summary>
    [ValidateEnumeratedItems]
    public IList<AuthServerClientOptions> Clients { get; } = new List<AuthServerClientOptions>();

    /// <summary>Users seeded into the database at start, <c>Stratus:AuthServer:Users:{n}</c>. Empty by default.</summary>
    [ValidateEnumeratedItems]
    public IList<AuthServerUserOptions> Users { get; } = new List<AuthServerUserOptions>();

    /// <summary>Scopes seeded into the database at start, <c>Stratus:AuthServer:Scopes:{n}</c>. Empty by default.</summary>
    [ValidateEnumeratedItems]
    public IList<AuthServerScopeOptions> Scopes { get; } = new List<AuthServerScopeOptions>();

    /// <summary>Where clients, users, tokens and keys are stored.</summary>
    public AuthServerDatabaseOptions Database { get; set; } = new();

    /// <summary>Signing keys: algorithm, rotation and retention.</summary>
    public SigningKeyOptions Keys { get; set; } = new();

    /// <summary>Limits on the token endpoint and the login form against brute force.</summary>
    [ValidateObjectMembers]
    public AuthServerRateLimitOptions RateLimits { get; set; } = new();

    /// <summary>The longest lifetime of any token the server signs: how long a retired key stays published.</summary>
    internal TimeSpan LongestTokenLifetime =>
        new[] { AccessTokenLifetime, RefreshTokenLifetime, AuthorizationCodeLifetime, IdentityTokenLifetime }.Max();
}
