namespace Stratus.Security.AuthServer.Seeding;

/// <summary>
/// The documented demo client, scopes and user that <see cref="AuthServerOptions.EnableDemo"/> seeds (on by default in
/// Development): enough for a Spring Boot or Stratus service on 127.0.0.1:8080 to sign users in and call with tokens.
/// </summary>
internal static class DemoSeed
{
    /// <summary>Scopes every server knows without declaring them (OpenID Connect's).</summary>
    public static readonly IReadOnlyList<string> StandardScopes = ["openid", "profile", "email", "roles", "offline_access"];

    public static IReadOnlyList<AuthServerScopeOptions> Scopes { get; } =
    [
        Scope("licenses.read", "licensing-service"),
        Scope("licenses.write", "licensing-service"),
    ];

    public static AuthServerClientOptions Client { get; } = CreateClient();

    public static AuthServerUserOptions User { get; } = CreateUser();

    private static AuthServerScopeOptions Scope(string name, string resource)
    {
        var scope = new AuthServerScopeOptions { Name = name };
        scope.Resources.Add(resource);
        return scope;
    }

    private static AuthServerClientOptions CreateClient()
    {
        var client = new AuthServerClientOptions { ClientId = "demo-client", ClientSecret = "demo-secret", DisplayName = "Demo client" };
        foreach (var scope in new[] { "openid", "profile", "licenses.read", "licenses.write" })
        {
            client.Scopes.Add(scope);
        }

        client.GrantTypes.Add(ClientGrants.ClientCredentials);
        client.GrantTypes.Add(ClientGrants.AuthorizationCode);
        client.GrantTypes.Add(ClientGrants.RefreshToken);
        client.RedirectUris.Add("http://127.0.0.1:8080/login/oauth2/code/demo");
        return client;
    }

    private static AuthServerUserOptions CreateUser()
    {
        var user = new AuthServerUserOptions { Username = "demo", Password = "demo" };
        user.Roles.Add("user");
        return user;
    }
}
