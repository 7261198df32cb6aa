using Microsoft.EntityFrameworkCore;

namespace OStock.LicensingService.Data;

/// <summary>The context on SQLite (migrations in <c>Data/Migrations/Sqlite</c>).</summary>
internal sealed class SqliteLicensingDbContext(DbContextOptions<SqliteLicensingDbContext> options) : LicensingDbContext(options);
