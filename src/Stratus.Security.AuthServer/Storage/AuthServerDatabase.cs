using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Stratus.Security.AuthServer.Storage;

/// <summary>Points EF Core at the configured database: an SQLite file by default, PostgreSQL by connection string.</summary>
internal static class AuthServerDatabase
{
    private static readonly SqliteTuning Tuning = new();

    public static void Configure(DbContextOptionsBuilder builder, AuthServerDatabaseOptions database, string contentRoot, SqliteWriteGate gate)
    {
        if (database.Provider == AuthServerDatabaseProvider.PostgreSql)
        {
            builder.UseNpgsql(database.ConnectionString);
        }
        else
        {
            builder.UseSqlite(SqliteConnectionString(database, contentRoot)).AddInterceptors(Tuning, gate);
        }

        builder.UseOpenIddict();
    }

    /// <summary>The SQLite connection string: the configured one, or the file at <see cref="AuthServerDatabaseOptions.Path"/>.</summary>
    public static string SqliteConnectionString(AuthServerDatabaseOptions database, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(database.ConnectionString))
        {
            return database.ConnectionString;
        }

        var path = System.IO.Path.GetFullPath(database.Path, contentRoot);
        return new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();
    }
}
