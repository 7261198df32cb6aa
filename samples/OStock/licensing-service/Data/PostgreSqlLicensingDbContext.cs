using Microsoft.EntityFrameworkCore;

namespace OStock.LicensingService.Data;

/// <summary>The context on PostgreSQL (migrations in <c>Data/Migrations/PostgreSql</c>).</summary>
internal sealed class PostgreSqlLicensingDbContext(DbContextOptions<PostgreSqlLicensingDbContext> options) : LicensingDbContext(options);
