using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace OStock.OrganizationService.Data;

// For dotnet-ef only: generating migrations needs the Npgsql provider, never a server, so this never connects.

/// <summary>Builds the PostgreSQL context for the EF Core tools.</summary>
internal sealed class PostgreSqlOrganizationDbContextFactory : IDesignTimeDbContextFactory<PostgreSqlOrganizationDbContext>
{
    public PostgreSqlOrganizationDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlOrganizationDbContext>().UseNpgsql("Host=localhost;Database=organizations").Options);
}
