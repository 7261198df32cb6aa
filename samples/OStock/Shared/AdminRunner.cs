using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace OStock.Shared;

/// <summary>Runs one admin command and turns its failure into a message on stderr and a sysexits code.</summary>
internal static class AdminRunner
{
    public static async Task<int> RunAsync(string service, string command, Func<CancellationToken, Task<string>> work)
    {
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        try
        {
            var done = await work(cancellation.Token);
            await Console.Out.WriteLineAsync($"{service} {command}: {done}");
            return AdminExitCode.Ok;
        }
        catch (BackupFileException e)
        {
            await Console.Error.WriteLineAsync($"{service} {command}: {e.Message}");
            return AdminExitCode.DataError;
        }
        catch (OStockConfigurationException e)
        {
            await Console.Error.WriteLineAsync($"{service} {command}: {e.Message}");
            return AdminExitCode.Configuration;
        }
        catch (Exception e) when (e is DbException or DbUpdateException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"{service} {command}: failed ({e.GetType().Name}): {e.GetBaseException().Message}");
            return e is IOException or UnauthorizedAccessException ? AdminExitCode.DataError : AdminExitCode.Unavailable;
        }
    }

    /// <summary>Applies pending migrations and says which ones ran.</summary>
    public static async Task<string> MigrateAsync(DbContext db, CancellationToken cancellationToken)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        return pending.Count == 0
            ? $"the database ({db.Database.ProviderName}) is up to date"
            : $"applied {pending.Count} migration(s) on {db.Database.ProviderName}: {string.Join(", ", pending)}";
    }
}
