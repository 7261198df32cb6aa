namespace Stratus.Security.AuthServer;

/// <summary>The database engine that stores the authorisation server's data.</summary>
public enum AuthServerDatabaseProvider
{
    /// <summary>An embedded SQLite file (the default).</summary>
    Sqlite,

    /// <summary>A PostgreSQL server, reached by <see cref="AuthServerDatabaseOptions.ConnectionString"/>.</summary>
    PostgreSql,
}
