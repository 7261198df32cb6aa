using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace OStock.LicensingService.Data;

// For dotnet-ef only: generating migrations needs the Npgsql provider, never a server, so this never connects.

/// <summary>Builds the PostgreSQL context for the EF Core tools.</summary>
internal sealed class PostgreSqlLicensingDbContextFactory : IDesignTimeDbContextFactory<PostgreSqlLicensingDbContext>
{
    public PostgreSqlLicensingDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlLicensingDbContext>().UseNpgsql("Host=localhost;Database=licensing").Options);
}
