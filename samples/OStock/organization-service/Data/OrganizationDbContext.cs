using Microsoft.EntityFrameworkCore;
using OStock.OrganizationService.Organizations;

namespace OStock.OrganizationService.Data;

/// <summary>The organisations table. Each provider derives its own context so each has its own migrations.</summary>
internal abstract class OrganizationDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Organization> Organizations => Set<Organization>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var organization = modelBuilder.Entity<Organization>();
        organization.ToTable("organizations");
        organization.HasKey(o => o.Id);
        organization.Property(o => o.Id).HasColumnName("organization_id").HasMaxLength(64);
        organization.Property(o => o.Name).HasColumnName("name").HasMaxLength(100);
        organization.Property(o => o.ContactName).HasColumnName("contact_name").HasMaxLength(100);
        organization.Property(o => o.ContactEmail).HasColumnName("contact_email").HasMaxLength(254);
        organization.Property(o => o.ContactPhone).HasColumnName("contact_phone").HasMaxLength(32);
    }
}
