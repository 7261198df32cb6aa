namespace Stratus.Security;

/// <summary>
/// This service's own OAuth2 client (<c>Stratus:Security:Client</c>), used by <c>AddStratusTokenRelay()</c> to obtain a
/// client-credentials token for calls made without a caller's token. Spring:
/// <c>spring.security.oauth2.client.registration.{id}.*</c> with <c>authorization-grant-type: client_credentials</c>.
/// </summary>
public sealed class ClientCredentialsOptions
{
    /// <summary>Configuration section: <c>Stratus:Security:Client</c>.</summary>
    public const string SectionName = "Stratus:Security:Client";

    /// <summary>The client id. Default none: without it no token is obtained. Spring: <c>client-id</c>.</summary>
    public string? ClientId { get; set; }

    /// <summary>The client secret. Default none. Never logged. Spring: <c>client-secret</c>.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The issuer's token endpoint, for example <c>https://auth.example.com/oauth2/token</c>. Default none. Spring: <c>provider.{id}.token-uri</c>.</summary>
    public string? TokenEndpoint { get; set; }

    /// <summary>The scopes to ask for. Default none (the issuer's default for the client). Spring: <c>scope</c>.</summary>
    public IList<string> Scopes { get; } = [];

    /// <summary>
    /// How the client authenticates: <c>client_secret_basic</c> (HTTP Basic, the default, Spring's) or
    /// <c>client_secret_post</c> (in the form body). Spring: <c>client-authentication-method</c>.
    /// </summary>
    public string AuthenticationMethod { get; set; } = "client_secret_basic";

    /// <summary>
    /// A token is replaced this long before it expires. Default 60 seconds (Spring's clock skew); 0 to 10 minutes. A
    /// token living less than twice this long is replaced at half its life.
    /// </summary>
    public TimeSpan RefreshBeforeExpiry { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Whether a client is configured.</summary>
    internal bool Configured => !string.IsNullOrWhiteSpace(ClientId);
}
