using Microsoft.EntityFrameworkCore;
using OStock.LicensingService.Licenses;
using OStock.LicensingService.Organizations;

namespace OStock.LicensingService.Data;

/// <summary>Licences and the organisation-details cache. Each provider derives its own context so each has its own migrations.</summary>
internal abstract class LicensingDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<License> Licenses => Set<License>();

    public DbSet<CachedOrganization> OrganizationCache => Set<CachedOrganization>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var license = modelBuilder.Entity<License>();
        license.ToTable("licenses");
        license.HasKey(l => l.LicenseId);
        license.HasIndex(l => l.OrganizationId);
        license.Property(l => l.LicenseId).HasColumnName("license_id").HasMaxLength(64);
        license.Property(l => l.OrganizationId).HasColumnName("organization_id").HasMaxLength(64);
        license.Property(l => l.Description).HasColumnName("description").HasMaxLength(500);
        license.Property(l => l.ProductName).HasColumnName("product_name").HasMaxLength(100);
        license.Property(l => l.LicenseType).HasColumnName("license_type").HasMaxLength(50);
        license.Property(l => l.Comment).HasColumnName("comment").HasMaxLength(500);

        var cache = modelBuilder.Entity<CachedOrganization>();
        cache.ToTable("organization_cache");
        cache.HasKey(c => c.OrganizationId);
        cache.HasIndex(c => c.ExpiresAtUnixMs);
        cache.Property(c => c.OrganizationId).HasColumnName("organization_id").HasMaxLength(64);
        cache.Property(c => c.Name).HasColumnName("name").HasMaxLength(100);
        cache.Property(c => c.ContactName).HasColumnName("contact_name").HasMaxLength(100);
        cache.Property(c => c.ContactEmail).HasColumnName("contact_email").HasMaxLength(254);
        cache.Property(c => c.ContactPhone).HasColumnName("contact_phone").HasMaxLength(32);
        cache.Property(c => c.ExpiresAtUnixMs).HasColumnName("expires_at_unix_ms");
    }
}
