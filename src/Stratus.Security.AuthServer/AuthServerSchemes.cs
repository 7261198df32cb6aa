namespace Stratus.Security.AuthServer;

/// <summary>Names of the server's authentication scheme and rate-limit policies.</summary>
internal static class AuthServerSchemes
{
    /// <summary>The login cookie the authorization endpoint reads.</summary>
    public const string Session = "Stratus.AuthServer.Session";

    public const string TokenRateLimit = "stratus-auth-token";
    public const string LoginRateLimit = "stratus-auth-login";

    public const string LoginPath = "/login";
    public const string AuthorizationPath = "/connect/authorize";
    public const string TokenPath = "/connect/token";
    public const string IntrospectionPath = "/connect/introspect";
    public const string RevocationPath = "/connect/revoke";
}
