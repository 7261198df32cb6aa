namespace OStock.Shared;

/// <summary>The two database providers a service can run on.</summary>
internal enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}
