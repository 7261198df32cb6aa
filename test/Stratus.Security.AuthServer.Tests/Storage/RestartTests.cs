using System.Net;
using Stratus.Security.AuthServer.Tests.Support;

namespace Stratus.Security.AuthServer.Tests.Storage;

public sealed class RestartTests
{
    [Fact]
    public async Task Restart_on_the_same_sqlite_file_keeps_keys_clients_users_and_issued_tokens()
    {
        var folder = AuthServerHost.NewDataFolder();
        string kid;
        string token;
        await using (var first = await AuthServerHost.StartAsync(folder, AuthServerHost.TestSettings("http://127.0.0.1:1/cb"), keepData: true))
        {
            token = await OAuth.AccessTokenAsync(first.Client);
            kid = Assert.Single((await OAuth.JwksAsync(first.Client)).Keys).Kid;
        }

        Assert.True(File.Exists(Path.Combine(folder, "stratus-auth.db")));

        // The second start has no clients, scopes or users in its configuration: all of it comes from the database.
        await using var second = await AuthServerHost.StartAsync(folder);
        var jwks = await OAuth.JwksAsync(second.Client);

        Assert.Equal(kid, Assert.Single(jwks.Keys).Kid);
        var issuer = second.Issuer;
        Assert.True((await OAuth.ValidateAsync(token, jwks, OAuth.Read(token).Issuer, "orders-service")).IsValid);
        var (status, body, _) = await OAuth.ClientCredentialsAsync(second.Client, AuthServerHost.ClientId, AuthServerHost.ClientSecret, "orders.read");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(kid, OAuth.Read(body.GetProperty("access_token").GetString()!).Kid);
        Assert.Equal(issuer, OAuth.Read(body.GetProperty("access_token").GetString()!).Issuer);

        using var browser = OAuth.NewBrowser(second.BaseAddress);
        var html = await browser.GetStringAsync("login", TestContext.Current.CancellationToken);
        var signedIn = await OAuth.SubmitLoginAsync(browser, html, AuthServerHost.Username, AuthServerHost.Password);
        Assert.Equal("/", signedIn.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task Database_path_setting_puts_the_file_where_it_says()
    {
        var folder = AuthServerHost.NewDataFolder();
        var settings = AuthServerHost.TestSettings("http://127.0.0.1:1/cb");
        settings["Stratus:AuthServer:Database:Path"] = "data/auth.sqlite";
        await using var server = await AuthServerHost.StartAsync(folder, settings);

        Assert.True(File.Exists(Path.Combine(folder, "data", "auth.sqlite")));
    }
}
