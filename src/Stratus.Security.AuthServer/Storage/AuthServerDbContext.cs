using Microsoft.EntityFrameworkCore;

namespace Stratus.Security.AuthServer.Storage;

/// <summary>The server's database: OpenIddict's applications, scopes, authorizations and tokens, plus users and keys.</summary>
internal sealed class AuthServerDbContext(DbContextOptions<AuthServerDbContext> options) : DbContext(options)
{
    public DbSet<UserRecord> Users => Set<UserRecord>();

    public DbSet<SigningKeyRecord> SigningKeys => Set<SigningKeyRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.UseOpenIddict();
        modelBuilder.Entity<UserRecord>(user =>
        {
            user.ToTable("StratusUsers");
            user.HasKey(u => u.Id);
            user.Property(u => u.Id).HasMaxLength(64);
            user.Property(u => u.Username).HasMaxLength(256);
            user.Property(u => u.NormalizedUsername).HasMaxLength(256);
            user.HasIndex(u => u.NormalizedUsername).IsUnique();
        });
        modelBuilder.Entity<SigningKeyRecord>(key =>
        {
            key.ToTable("StratusKeys");
            key.HasKey(k => k.Id);
            key.Property(k => k.Id).HasMaxLength(64);
            key.Property(k => k.Use).HasMaxLength(8);
            key.Property(k => k.Algorithm).HasMaxLength(16);

            // SQLite cannot order by DateTimeOffset; the ticks sort the same on every provider.
            key.Property(k => k.CreatedAt).HasConversion(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
            key.Property(k => k.RetiredAt).HasConversion(v => v!.Value.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
        });
    }
}
