using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace OStock.LicensingService.Data;

// For dotnet-ef only (`dotnet ef migrations add X --context SqliteLicensingDbContext -o Data/Migrations/Sqlite`, see the
// sample's README): generating migrations needs the provider, not a database.

/// <summary>Builds the SQLite context for the EF Core tools.</summary>
internal sealed class SqliteLicensingDbContextFactory : IDesignTimeDbContextFactory<SqliteLicensingDbContext>
{
    public SqliteLicensingDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteLicensingDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
