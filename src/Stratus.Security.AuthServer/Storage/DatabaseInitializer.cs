using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Stratus.Security.AuthServer.Keys;
using Stratus.Security.AuthServer.Seeding;

namespace Stratus.Security.AuthServer.Storage;

/// <summary>
/// Before the server takes requests: creates the schema if the database is new, seeds clients, scopes and users from
/// configuration, and loads (or makes) the keys.
/// </summary>
internal sealed class DatabaseInitializer(IServiceScopeFactory scopes, SigningKeyRing ring) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AuthServerDbContext>();
            if (db.Database.IsSqlite())
            {
                // A configured path may name a folder that does not exist yet; SQLite creates files, not folders.
                var file = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
                if (!string.IsNullOrEmpty(file) && file != ":memory:" && Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder)
                {
                    Directory.CreateDirectory(folder);
                }

                // Write-ahead logging lets readers go on while a token is written.
                await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
            }

            await db.Database.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
            await scope.ServiceProvider.GetRequiredService<ConfigurationSeed>().ApplyAsync(cancellationToken).ConfigureAwait(false);
        }

        await ring.MaintainAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
