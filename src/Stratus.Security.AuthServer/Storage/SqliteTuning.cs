using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Stratus.Security.AuthServer.Storage;

/// <summary>
/// Sets <c>synchronous=NORMAL</c> on each SQLite connection. With write-ahead logging that is still safe against
/// corruption, and it drops the fsync of every commit (about 5 ms on a virtual disk, which would cap token issue near
/// 100 per second, since each token is a row). The price: a power cut (not a crash of the process) may lose the last
/// commits, that is tokens issued in the last moments, whose introspection would then say inactive.
/// </summary>
internal sealed class SqliteTuning : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous=NORMAL;";
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = "PRAGMA synchronous=NORMAL;";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
