using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Stratus.Security.AuthServer.Storage;

/// <summary>
/// Lets nodes that share one PostgreSQL database prepare it one at a time. Two nodes starting together otherwise race:
/// both create the same tables, both insert the same configured scopes and clients (the unique index stops one, which
/// then stops), and both make a first signing key. A session-level advisory lock on a connection of its own, held until
/// disposed. SQLite needs none (one node per file), and neither does a database that does not exist yet (the node that
/// creates it is the first; <c>EnsureCreated</c> handles that).
/// </summary>
internal sealed class StoreInitializationLock : IAsyncDisposable
{
    private readonly AsyncServiceScope _scope;
    private readonly AuthServerDbContext? _locked;

    private StoreInitializationLock(AsyncServiceScope scope, AuthServerDbContext? locked)
    {
        _scope = scope;
        _locked = locked;
    }

    public static async Task<StoreInitializationLock> AcquireAsync(IServiceScopeFactory scopes, CancellationToken cancellationToken)
    {
        var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthServerDbContext>();
        if (!db.Database.IsNpgsql())
        {
            return new StoreInitializationLock(scope, null);
        }

        try
        {
            await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            // The key is "STRATUSA" in ASCII: any constant every node shares, unlikely to be an application's own lock.
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_lock(6004514643732943681)", cancellationToken).ConfigureAwait(false);
            return new StoreInitializationLock(scope, db);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            return new StoreInitializationLock(scope, null);
        }
        catch
        {
            await scope.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_locked is not null)
        {
            try
            {
                // A pooled connection outlives its session's locks only if they are released explicitly.
                await _locked.Database.ExecuteSqlRawAsync("SELECT pg_advisory_unlock(6004514643732943681)", CancellationToken.None).ConfigureAwait(false);
            }
            finally
            {
                await _locked.Database.CloseConnectionAsync().ConfigureAwait(false);
            }
        }

        await _scope.DisposeAsync().ConfigureAwait(false);
    }
}
