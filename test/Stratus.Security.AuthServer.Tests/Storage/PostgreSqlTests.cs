using System.Net;
using Stratus.Security.AuthServer.Tests.Support;
using Stratus.Tests.Shared;

namespace Stratus.Security.AuthServer.Tests.Storage;

/// <summary>
/// The server on a real PostgreSQL (a private server for the class), in a database an administrator made for a role
/// that owns it but may not create databases, as a deployment has it.
/// </summary>
public sealed class PostgreSqlTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const string RolePassword = "auth-role-password-0123";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Server_on_postgresql_seeds_clients_issues_tokens_and_keeps_keys_clients_and_users_across_a_restart()
    {
        var (server, database, connectionString) = await NewDatabaseAsync();
        var settings = AuthServerHost.TestSettings("http://127.0.0.1:1/cb");
        Use(settings, connectionString);
        string kid;
        string token;
        var firstFolder = AuthServerHost.NewDataFolder();
        await using (var first = await AuthServerHost.StartAsync(firstFolder, settings, keepData: true))
        {
            token = await OAuth.AccessTokenAsync(first.Client);
            var jwks = await OAuth.JwksAsync(first.Client);
            kid = Assert.Single(jwks.Keys).Kid;
            Assert.Equal(kid, OAuth.Read(token).Kid);
            Assert.True((await OAuth.ValidateAsync(token, jwks, first.Issuer, "orders-service")).IsValid);
        }

        // Everything lives in PostgreSQL: the seeded clients, the user (as a hash), the keys and the issued token; no SQLite file.
        Assert.Empty(Directory.GetFiles(firstFolder));
        Directory.Delete(firstFolder);
        Assert.Equal("orders\norders-service\nspa\nweb", await server.SqlAsync(database, "SELECT \"ClientId\" FROM \"OpenIddictApplications\" ORDER BY \"ClientId\"", Ct));
        Assert.Equal($"{AuthServerHost.Username}|f", await server.SqlAsync(database, $"SELECT \"Username\", \"PasswordHash\" LIKE '%{AuthServerHost.Password}%' FROM \"StratusUsers\"", Ct));
        Assert.Equal(kid, await server.SqlAsync(database, "SELECT \"Id\" FROM \"StratusKeys\" WHERE \"Use\" = 'sig'", Ct));
        Assert.Equal("1", await server.SqlAsync(database, "SELECT count(*) FROM \"StratusKeys\" WHERE \"Use\" = 'enc'", Ct));
        Assert.Equal("t", await server.SqlAsync(database, "SELECT count(*) > 0 FROM \"OpenIddictTokens\"", Ct));

        // The second start has nothing but the database in its configuration.
        var restart = new Dictionary<string, string?>();
        Use(restart, connectionString);
        await using var second = await AuthServerHost.StartAsync(AuthServerHost.NewDataFolder(), restart);
        var after = await OAuth.JwksAsync(second.Client);

        Assert.Equal(kid, Assert.Single(after.Keys).Kid);
        Assert.True((await OAuth.ValidateAsync(token, after, OAuth.Read(token).Issuer, "orders-service")).IsValid);
        var (status, body, _) = await OAuth.ClientCredentialsAsync(second.Client, AuthServerHost.ClientId, AuthServerHost.ClientSecret, "orders.read");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(kid, OAuth.Read(body.GetProperty("access_token").GetString()!).Kid);
        var (wrongSecret, _, _) = await OAuth.ClientCredentialsAsync(second.Client, AuthServerHost.ClientId, "not-the-secret", "orders.read");
        Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret);

        using var browser = OAuth.NewBrowser(second.BaseAddress);
        var html = await browser.GetStringAsync("login", Ct);
        var signedIn = await OAuth.SubmitLoginAsync(browser, html, AuthServerHost.Username, AuthServerHost.Password);
        Assert.Equal("/", signedIn.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task Two_nodes_on_one_postgresql_database_share_keys_and_each_other_s_tokens()
    {
        var (_, _, connectionString) = await NewDatabaseAsync();
        var settings = AuthServerHost.TestSettings("http://127.0.0.1:1/cb");
        Use(settings, connectionString);
        // Behind a load balancer both announce one issuer.
        settings["Stratus:AuthServer:Issuer"] = "https://auth.example/";
        await using var first = await AuthServerHost.StartAsync(AuthServerHost.NewDataFolder(), settings);
        await using var second = await AuthServerHost.StartAsync(AuthServerHost.NewDataFolder(), settings);

        var token = await OAuth.AccessTokenAsync(first.Client);
        var (status, introspected, _) = await OAuth.PostFormAsync(second.Client, "connect/introspect", new Dictionary<string, string> { ["token"] = token },
            (AuthServerHost.ResourceClientId, AuthServerHost.ResourceClientSecret));
        var (revoked, _, _) = await OAuth.PostFormAsync(second.Client, "connect/revoke", new Dictionary<string, string> { ["token"] = token, ["token_type_hint"] = "access_token" },
            (AuthServerHost.ClientId, AuthServerHost.ClientSecret));
        var (_, afterRevoke, _) = await OAuth.PostFormAsync(first.Client, "connect/introspect", new Dictionary<string, string> { ["token"] = token },
            (AuthServerHost.ResourceClientId, AuthServerHost.ResourceClientSecret));

        Assert.Equal(Assert.Single((await OAuth.JwksAsync(first.Client)).Keys).Kid, Assert.Single((await OAuth.JwksAsync(second.Client)).Keys).Kid);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(introspected.GetProperty("active").GetBoolean(), introspected.ToString());
        Assert.Equal("orders.read", introspected.GetProperty("scope").GetString());
        Assert.Equal(HttpStatusCode.OK, revoked);
        Assert.False(afterRevoke.GetProperty("active").GetBoolean(), afterRevoke.ToString());
    }

    [Fact]
    public async Task Server_on_postgresql_creates_its_database_when_it_does_not_exist_and_the_role_may()
    {
        var server = postgres.Server;
        var database = PostgresFixture.NewDatabase("auth");
        var settings = AuthServerHost.TestSettings("http://127.0.0.1:1/cb");
        Use(settings, server.ConnectionString(database));
        await using var host = await AuthServerHost.StartAsync(AuthServerHost.NewDataFolder(), settings);

        var token = await OAuth.AccessTokenAsync(host.Client);

        Assert.Equal(OAuth.Read(token).Kid, Assert.Single((await OAuth.JwksAsync(host.Client)).Keys).Kid);
        Assert.Equal("1", await server.SqlAsync("postgres", $"SELECT count(*) FROM pg_database WHERE datname = '{database}'", Ct));
        Assert.Equal("4", await server.SqlAsync(database, "SELECT count(*) FROM \"OpenIddictApplications\"", Ct));
    }

    /// <summary>A new database owned by a new role without CREATEDB; returns the role's connection string.</summary>
    private async Task<(PostgresServer Server, string Database, string ConnectionString)> NewDatabaseAsync()
    {
        var server = postgres.Server;
        var database = PostgresFixture.NewDatabase("auth");
        await server.SqlAsync("postgres", $"CREATE ROLE {database} LOGIN NOCREATEDB PASSWORD '{RolePassword}'", Ct);
        await server.SqlAsync("postgres", $"CREATE DATABASE {database} OWNER {database}", Ct);
        return (server, database, server.ConnectionString(database, database, RolePassword));
    }

    private static void Use(Dictionary<string, string?> settings, string connectionString)
    {
        settings["Stratus:AuthServer:Database:Provider"] = "PostgreSql";
        settings["Stratus:AuthServer:Database:ConnectionString"] = connectionString;
    }
}
