using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace OStock.Shared;

/// <summary>Writes and checks backup files. A file is checked whole before restore touches the database.</summary>
internal static class BackupFile
{
    public const int CurrentFormat = 1;

    /// <summary>Writes beside the target and renames, so a failed backup never leaves half a file under its name.</summary>
    public static async Task WriteAsync<TRow>(string path, BackupDocument<TRow> document, JsonTypeInfo<BackupDocument<TRow>> typeInfo, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        var temporary = full + ".partial";
        await using (var stream = File.Create(temporary))
        {
            await JsonSerializer.SerializeAsync(stream, document, typeInfo, cancellationToken);
        }

        File.Move(temporary, full, overwrite: true);
    }

    /// <summary>Reads a backup of <paramref name="service"/>; every problem found is in the exception's message.</summary>
    public static async Task<List<TRow>> ReadAsync<TRow>(
        string path,
        string service,
        JsonTypeInfo<BackupDocument<TRow>> typeInfo,
        Func<TRow?, int, IEnumerable<string>> rowProblems,
        CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new BackupFileException($"backup file '{path}' does not exist");
        }

        BackupDocument<TRow>? document;
        try
        {
            await using var stream = File.OpenRead(path);
            document = await JsonSerializer.DeserializeAsync(stream, typeInfo, cancellationToken);
        }
        catch (JsonException e)
        {
            throw new BackupFileException($"backup file '{path}' is not a {service} backup: not valid JSON of the backup shape ({e.Message})");
        }

        if (document is null)
        {
            throw new BackupFileException($"backup file '{path}' is not a {service} backup: it holds JSON null");
        }

        if (document.Service != service)
        {
            throw new BackupFileException(document.Service is null
                ? $"backup file '{path}' is not a {service} backup: it has no \"service\" field"
                : $"backup file '{path}' is a backup of '{document.Service}', not of {service}");
        }

        if (document.Format != CurrentFormat)
        {
            throw new BackupFileException($"backup file '{path}' has format {document.Format}; this build reads format {CurrentFormat}");
        }

        if (document.Rows is null)
        {
            throw new BackupFileException($"backup file '{path}' has no \"rows\" array");
        }

        var problems = document.Rows.SelectMany((row, index) => rowProblems(row, index).Select(p => $"rows[{index}]: {p}")).ToList();
        if (problems.Count > 0)
        {
            throw new BackupFileException($"backup file '{path}' has bad rows, nothing was restored:\n  " + string.Join("\n  ", problems.Take(20)));
        }

        return document.Rows;
    }
}
