using Microsoft.EntityFrameworkCore;
using OStock.OrganizationService.Data;
using OStock.OrganizationService.Organizations;
using OStock.Shared;

namespace OStock.OrganizationService.Admin;

/// <summary>organization-service's one-off admin processes: <c>migrate</c>, <c>backup</c>, <c>restore</c>.</summary>
internal static class OrganizationAdmin
{
    public const string Service = "organization-service";

    public static readonly string[] Commands = ["migrate", "backup", "restore"];

    public static readonly string[] CommandsWithFile = ["backup", "restore"];

    public static readonly string[] UsageLines =
    [
        "migrate [--Key=Value ...]         apply pending EF Core migrations",
        "backup <file> [--Key=Value ...]   write every organisation to a JSON file",
        "restore <file> [--Key=Value ...]  replace every organisation with the file's, in one transaction",
    ];

    public static Task<int> RunAsync(IServiceProvider services, AdminCommand command) =>
        AdminRunner.RunAsync(Service, command.Name!, async cancellationToken =>
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OrganizationDbContext>();
            return command.Name switch
            {
                "migrate" => await AdminRunner.MigrateAsync(db, cancellationToken),
                "backup" => await BackupAsync(db, command.File!, services.GetRequiredService<TimeProvider>(), cancellationToken),
                _ => await RestoreAsync(db, command.File!, cancellationToken),
            };
        });

    private static async Task<string> BackupAsync(OrganizationDbContext db, string file, TimeProvider time, CancellationToken cancellationToken)
    {
        await db.Database.MigrateAsync(cancellationToken);
        var rows = await db.Organizations.AsNoTracking().OrderBy(o => o.Id).ToListAsync(cancellationToken);
        var document = new BackupDocument<Organization> { Service = Service, Format = BackupFile.CurrentFormat, CreatedAt = time.GetUtcNow(), Rows = rows };
        await BackupFile.WriteAsync(file, document, OrganizationJsonContext.Default.BackupDocumentOrganization, cancellationToken);
        return $"wrote {rows.Count} organisation(s) to {Path.GetFullPath(file)}";
    }

    private static async Task<string> RestoreAsync(OrganizationDbContext db, string file, CancellationToken cancellationToken)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var rows = await BackupFile.ReadAsync(file, Service, OrganizationJsonContext.Default.BackupDocumentOrganization, (row, _) =>
            row is null
                ? ["is null"]
                : [.. OrganizationRules.Problems(row.Id, row.Name, row.ContactName, row.ContactEmail, row.ContactPhone).SelectMany(p => p.Value),
                   .. ids.Add(row.Id) ? Array.Empty<string>() : [$"id '{row.Id}' appears twice"]], cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var removed = await db.Organizations.ExecuteDeleteAsync(cancellationToken);
        db.Organizations.AddRange(rows);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return $"restored {rows.Count} organisation(s) from {Path.GetFullPath(file)} (replaced {removed})";
    }
}
