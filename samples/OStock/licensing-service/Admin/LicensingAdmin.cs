using Microsoft.EntityFrameworkCore;
using OStock.LicensingService.Data;
using OStock.LicensingService.Licenses;
using OStock.Shared;

namespace OStock.LicensingService.Admin;

/// <summary>licensing-service's one-off admin processes: <c>migrate</c>, <c>backup</c>, <c>restore</c>, <c>cleanup</c>.</summary>
internal static class LicensingAdmin
{
    public const string Service = "licensing-service";

    public static readonly string[] Commands = ["migrate", "backup", "restore", "cleanup"];

    public static readonly string[] CommandsWithFile = ["backup", "restore"];

    public static readonly string[] UsageLines =
    [
        "migrate [--Key=Value ...]         apply pending EF Core migrations",
        "backup <file> [--Key=Value ...]   write every licence to a JSON file",
        "restore <file> [--Key=Value ...]  replace every licence with the file's, in one transaction",
        "cleanup [--Key=Value ...]         delete expired cached organisation details",
    ];

    public static Task<int> RunAsync(IServiceProvider services, AdminCommand command) =>
        AdminRunner.RunAsync(Service, command.Name!, async cancellationToken =>
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LicensingDbContext>();
            var time = services.GetRequiredService<TimeProvider>();
            return command.Name switch
            {
                "migrate" => await AdminRunner.MigrateAsync(db, cancellationToken),
                "backup" => await BackupAsync(db, command.File!, time, cancellationToken),
                "restore" => await RestoreAsync(db, command.File!, cancellationToken),
                _ => await CleanupAsync(db, time, cancellationToken),
            };
        });

    private static async Task<string> BackupAsync(LicensingDbContext db, string file, TimeProvider time, CancellationToken cancellationToken)
    {
        await db.Database.MigrateAsync(cancellationToken);
        var rows = await db.Licenses.AsNoTracking().OrderBy(l => l.LicenseId).ToListAsync(cancellationToken);
        var document = new BackupDocument<License> { Service = Service, Format = BackupFile.CurrentFormat, CreatedAt = time.GetUtcNow(), Rows = rows };
        await BackupFile.WriteAsync(file, document, LicensingJsonContext.Default.BackupDocumentLicense, cancellationToken);
        return $"wrote {rows.Count} licence(s) to {Path.GetFullPath(file)}";
    }

    /// <summary>
    /// Replaces every licence with the file's. The file is read and checked whole first; the delete and the inserts
    /// run in one transaction, so a failure leaves the database as it was. Cached organisation details are not part
    /// of a backup: they are refetched.
    /// </summary>
    private static async Task<string> RestoreAsync(LicensingDbContext db, string file, CancellationToken cancellationToken)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var rows = await BackupFile.ReadAsync(file, Service, LicensingJsonContext.Default.BackupDocumentLicense, (row, _) =>
            row is null
                ? ["is null"]
                : [.. LicenseRules.Problems(row.LicenseId, row.OrganizationId, row.Description, row.ProductName, row.LicenseType, row.Comment).SelectMany(p => p.Value),
                   .. ids.Add(row.LicenseId) ? Array.Empty<string>() : [$"licenseId '{row.LicenseId}' appears twice"]], cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var removed = await db.Licenses.ExecuteDeleteAsync(cancellationToken);
        db.Licenses.AddRange(rows);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return $"restored {rows.Count} licence(s) from {Path.GetFullPath(file)} (replaced {removed})";
    }

    private static async Task<string> CleanupAsync(LicensingDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        await db.Database.MigrateAsync(cancellationToken);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var removed = await db.OrganizationCache.Where(c => c.ExpiresAtUnixMs <= now).ExecuteDeleteAsync(cancellationToken);
        return $"removed {removed} expired cached organisation(s)";
    }
}
