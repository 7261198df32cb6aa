namespace OStock.Shared;

/// <summary>
/// A provider-independent backup: every row of the service's table as JSON, so a SQLite backup restores into
/// PostgreSQL and back. <see cref="Service"/> and <see cref="Format"/> let restore refuse someone else's file.
/// </summary>
internal sealed class BackupDocument<TRow>
{
    public string? Service { get; set; }

    public int Format { get; set; }

    public DateTimeOffset? CreatedAt { get; set; }

    public List<TRow>? Rows { get; set; }
}
