namespace Stratus.Security.AuthServer.Seeding;

/// <summary>The grant types a configured client may use, with the defaults for each kind of client.</summary>
internal static class ClientGrants
{
    public const string ClientCredentials = "client_credentials";
    public const string AuthorizationCode = "authorization_code";
    public const string RefreshToken = "refresh_token";

    public static readonly IReadOnlyList<string> Known = [ClientCredentials, AuthorizationCode, RefreshToken];

    /// <summary>The client's grant types, or its kind's default when it lists none.</summary>
    public static IReadOnlyCollection<string> Of(AuthServerClientOptions client) =>
        client.GrantTypes.Count > 0
            ? client.GrantTypes.ToHashSet(StringComparer.Ordinal)
            : [client.IsPublic ? AuthorizationCode : ClientCredentials];
}
