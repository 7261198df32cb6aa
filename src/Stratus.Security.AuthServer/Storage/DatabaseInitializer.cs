using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Stratus.Security.AuthServer.Keys;
using Stratus.Security.AuthServer.Seeding;

namespace Stratus.Security.AuthServer.Storage;

/// <summary>
/// Prepares the store: creates the schema if the database is new, seeds clients, scopes and users from configuration,
/// and loads (or makes) the keys. As a hosted service it does so in the background, so the server listens at once
/// (EF Core's first model and query, the seeding and key loading take seconds on a small machine); requests wait in
/// <see cref="StoreGate"/> until it is done. When it fails, the server logs why and stops.
/// </summary>
internal sealed partial class DatabaseInitializer(
    IServiceScopeFactory scopes,
    SigningKeyRing ring,
    StoreReadiness readiness,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<DatabaseInitializer> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _work = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _work = Task.Run(() => PrepareInBackgroundAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _work.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose() => _stopping.Dispose();

    /// <summary>Prepares the store now (admin commands, which need it before they act), then marks it ready.</summary>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        // Nodes sharing one PostgreSQL database prepare it one at a time (tables, seeding, first key).
        await using var exclusive = await StoreInitializationLock.AcquireAsync(scopes, cancellationToken).ConfigureAwait(false);
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
        readiness.Succeeded();
    }

    private async Task PrepareInBackgroundAsync(CancellationToken stoppingToken)
    {
        var began = time.GetTimestamp();
        try
        {
            await PrepareAsync(stoppingToken).ConfigureAwait(false);
            var elapsed = (long)time.GetElapsedTime(began).TotalMilliseconds;
            Log.StoreReady(logger, elapsed);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            readiness.Failed(new OperationCanceledException("the auth server stopped before its store was ready"));
        }
        catch (Exception e)
        {
            var kind = e.GetType().Name;
            Log.StoreFailed(logger, kind, e.Message, e);
            readiness.Failed(e);
            lifetime.StopApplication();
        }
    }

    /// <summary>Storage block: event ids 3040-3059.</summary>
    private static partial class Log
    {
        [LoggerMessage(EventId = 3042, EventName = "StoreReady", Level = LogLevel.Information,
            Message = "Auth server store ready in {Milliseconds} ms: schema, clients, scopes, users and signing keys")]
        public static partial void StoreReady(ILogger logger, long milliseconds);

        [LoggerMessage(EventId = 3043, EventName = "StoreFailed", Level = LogLevel.Critical,
            Message = "The auth server could not prepare its store ({Kind}: {Reason}); it stops. Check Stratus:AuthServer:Database")]
        public static partial void StoreFailed(ILogger logger, string kind, string reason, Exception exception);
    }
}
