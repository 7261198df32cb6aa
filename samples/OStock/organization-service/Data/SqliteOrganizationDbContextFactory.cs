using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace OStock.OrganizationService.Data;

// For dotnet-ef only (`dotnet ef migrations add X --context SqliteOrganizationDbContext -o Data/Migrations/Sqlite`, see the
// sample's README): generating migrations needs the provider, not a database.

/// <summary>Builds the SQLite context for the EF Core tools.</summary>
internal sealed class SqliteOrganizationDbContextFactory : IDesignTimeDbContextFactory<SqliteOrganizationDbContext>
{
    public SqliteOrganizationDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteOrganizationDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
