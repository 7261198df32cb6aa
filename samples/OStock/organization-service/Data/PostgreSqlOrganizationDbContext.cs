using Microsoft.EntityFrameworkCore;

namespace OStock.OrganizationService.Data;

/// <summary>The context on PostgreSQL (migrations in <c>Data/Migrations/PostgreSql</c>).</summary>
internal sealed class PostgreSqlOrganizationDbContext(DbContextOptions<PostgreSqlOrganizationDbContext> options) : OrganizationDbContext(options);
