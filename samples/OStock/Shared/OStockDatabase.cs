using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace OStock.Shared;

/// <summary>
/// Picks the provider from the connection string alone (twelve-factor: the config says where the data lives, the
/// build does not change): <c>Host=</c>/<c>Server=</c> or a <c>postgres://</c> URL is PostgreSQL, <c>Data Source=</c>
/// is SQLite. A relative SQLite file lives under the content root, and its folder is created.
/// </summary>
internal static class OStockDatabase
{
    public static (DatabaseProvider Provider, string ConnectionString) Resolve(string key, string? configured, string defaultSqliteFile, string contentRoot)
    {
        var value = string.IsNullOrWhiteSpace(configured) ? $"Data Source={defaultSqliteFile}" : configured.Trim();
        if (value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return (DatabaseProvider.PostgreSql, FromUrl(key, value));
        }

        var keys = new DbConnectionStringBuilder();
        try
        {
            keys.ConnectionString = value;
        }
        catch (ArgumentException e)
        {
            throw new OStockConfigurationException($"{key} is not a connection string ({e.Message})");
        }

        if (keys.ContainsKey("Host") || keys.ContainsKey("Server"))
        {
            return (DatabaseProvider.PostgreSql, value);
        }

        if (!keys.ContainsKey("Data Source") && !keys.ContainsKey("DataSource") && !keys.ContainsKey("Filename"))
        {
            throw new OStockConfigurationException(
                $"{key} names no database: use 'Data Source=<file>' for SQLite or 'Host=...;Database=...' for PostgreSQL");
        }

        SqliteConnectionStringBuilder sqlite;
        try
        {
            sqlite = new SqliteConnectionStringBuilder(value);
        }
        catch (ArgumentException e)
        {
            throw new OStockConfigurationException($"{key} is not a SQLite connection string ({e.Message})");
        }

        if (sqlite.DataSource.Length > 0 && sqlite.DataSource != ":memory:" && !Path.IsPathRooted(sqlite.DataSource))
        {
            sqlite.DataSource = Path.Combine(contentRoot, sqlite.DataSource);
        }

        if (Path.GetDirectoryName(sqlite.DataSource) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        return (DatabaseProvider.Sqlite, sqlite.ToString());
    }

    /// <summary>
    /// Registers the provider's context type and <typeparamref name="TContext"/> as the one the code uses. Each
    /// provider has its own context type so each has its own migrations (SQLite's and PostgreSQL's DDL differ).
    /// </summary>
    public static IServiceCollection AddOStockDbContext<TContext, TSqlite, TPostgreSql>(this IServiceCollection services, DatabaseProvider provider, string connectionString)
        where TContext : DbContext
        where TSqlite : TContext
        where TPostgreSql : TContext
    {
        if (provider == DatabaseProvider.PostgreSql)
        {
            services.AddDbContext<TPostgreSql>(o => o.UseNpgsql(connectionString));
            services.AddScoped<TContext>(sp => sp.GetRequiredService<TPostgreSql>());
        }
        else
        {
            services.AddDbContext<TSqlite>(o => o.UseSqlite(connectionString));
            services.AddScoped<TContext>(sp => sp.GetRequiredService<TSqlite>());
        }

        return services;
    }

    private static string FromUrl(string key, string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            throw new OStockConfigurationException($"{key} is not a valid PostgreSQL URL");
        }

        var user = uri.UserInfo.Split(':', 2);
        var builder = new DbConnectionStringBuilder
        {
            ["Host"] = uri.Host,
            ["Port"] = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
            ["Database"] = uri.AbsolutePath.Trim('/'),
        };
        if (user[0].Length > 0)
        {
            builder["Username"] = Uri.UnescapeDataString(user[0]);
        }

        if (user.Length > 1)
        {
            builder["Password"] = Uri.UnescapeDataString(user[1]);
        }

        return builder.ConnectionString;
    }
}
