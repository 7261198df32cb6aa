using Microsoft.EntityFrameworkCore;

namespace OStock.OrganizationService.Data;

/// <summary>The context on SQLite (migrations in <c>Data/Migrations/Sqlite</c>).</summary>
internal sealed class SqliteOrganizationDbContext(DbContextOptions<SqliteOrganizationDbContext> options) : OrganizationDbContext(options);
