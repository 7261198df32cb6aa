namespace Stratus.Security.AuthServer;

/// <summary>The database of clients, scopes, users, tokens and keys, <c>Stratus:AuthServer:Database</c>.</summary>
public sealed class AuthServerDatabaseOptions
{
    /// <summary>The database engine. Default <see cref="AuthServerDatabaseProvider.Sqlite"/>.</summary>
    public AuthServerDatabaseProvider Provider { get; set; } = AuthServerDatabaseProvider.Sqlite;

    /// <summary>
    /// The ADO.NET connection string. Required for PostgreSQL; for SQLite it overrides <see cref="Path"/>. None by default.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// The SQLite file, relative to the content root unless absolute. Default <c>stratus-auth.db</c>.
    /// </summary>
    public string Path { get; set; } = "stratus-auth.db";
}
