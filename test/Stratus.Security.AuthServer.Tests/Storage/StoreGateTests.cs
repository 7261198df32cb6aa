using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Stratus.Security.AuthServer.Storage;
using Stratus.Security.AuthServer.Tests.Support;

namespace Stratus.Security.AuthServer.Tests.Storage;

/// <summary>
/// The server listens before its store is ready (schema, seeding, keys happen in the background); requests wait for the
/// store instead of failing, management paths pass at once, and the <c>authServerStore</c> health check tells the truth.
/// </summary>
public sealed class StoreGateTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_token_asked_for_while_the_store_is_prepared_waits_for_it_then_is_issued()
    {
        var folder = AuthServerHost.NewDataFolder();

        // Another connection's exclusive lock on the database file holds the server's preparation until it lets go.
        var holder = new SqliteConnection($"Data Source={Path.Combine(folder, "stratus-auth.db")};Pooling=False");
        await holder.OpenAsync(Ct);
        await using (var begin = holder.CreateCommand())
        {
            begin.CommandText = "BEGIN EXCLUSIVE;";
            await begin.ExecuteNonQueryAsync(Ct);
        }

        await using var server = await AuthServerHost.StartAsync(folder, AuthServerHost.TestSettings("http://127.0.0.1:1/cb"), waitUntilReady: false);
        var health = server.Services.GetRequiredService<HealthCheckService>();
        var pending = OAuth.ClientCredentialsAsync(server.Client, AuthServerHost.ClientId, AuthServerHost.ClientSecret, "orders.read");
        using var management = await server.Client.GetAsync("actuator/no-such-endpoint", Ct);
        await Task.Delay(TimeSpan.FromSeconds(1), Ct);

        Assert.False(pending.IsCompleted, "the token request was answered while the store could not be prepared");
        Assert.Equal(HttpStatusCode.NotFound, management.StatusCode); // passed the gate: nothing is mapped there in this host
        var preparing = await health.CheckHealthAsync(Ct);
        Assert.Equal(HealthStatus.Unhealthy, preparing.Entries["authServerStore"].Status);

        await holder.DisposeAsync();
        var (status, body, _) = await pending.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(string.IsNullOrEmpty(body.GetProperty("access_token").GetString()));
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(Ct)).Entries["authServerStore"].Status);
        Assert.Contains(server.Logs.Lines, l => l.Id.Id == 3042);
    }

    [Fact]
    public async Task A_store_that_cannot_be_prepared_is_logged_refuses_requests_with_503_and_stops_the_server()
    {
        var folder = AuthServerHost.NewDataFolder();
        await File.WriteAllTextAsync(Path.Combine(folder, "not-a-folder"), "a file where the database folder should be", Ct);
        var settings = AuthServerHost.TestSettings("http://127.0.0.1:1/cb");
        settings["Stratus:AuthServer:Database:Path"] = "not-a-folder/auth.db";

        await using var server = await AuthServerHost.StartAsync(folder, settings, waitUntilReady: false);
        var readiness = server.Services.GetRequiredService<StoreReadiness>();
        await Assert.ThrowsAnyAsync<IOException>(() => readiness.Ready.WaitAsync(TimeSpan.FromSeconds(30), Ct));
        var (status, body, _) = await OAuth.ClientCredentialsAsync(server.Client, AuthServerHost.ClientId, AuthServerHost.ClientSecret, "orders.read");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("could not prepare its store", body.GetProperty("error_description").GetString(), StringComparison.Ordinal);
        Assert.Same(readiness.Failure, AuthServerAdministration.StoreReady(server.Services).Exception?.InnerException);
        Assert.True(server.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
        var logged = Assert.Single(server.Logs.Lines, l => l.Id.Id == 3043);
        Assert.Contains("Stratus:AuthServer:Database", logged.Text, StringComparison.Ordinal);
    }
}
