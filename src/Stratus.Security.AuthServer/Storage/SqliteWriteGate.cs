using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Stratus.Security.AuthServer.Storage;

/// <summary>
/// Lets one SQLite write at a time through, waiting asynchronously. SQLite has one writer; when two connections write
/// at once the loser gets SQLITE_BUSY and Microsoft.Data.Sqlite sleeps its thread (150 ms a try) before trying again,
/// which at a few dozen concurrent token requests turned the server into a queue of sleeping threads. A write holds
/// the gate from its command (or its transaction) until SQLite's lock is released: the end of the transaction, or the
/// disposal of the command's reader (a statement with <c>RETURNING</c> keeps its write open until then).
/// </summary>
internal sealed class SqliteWriteGate : DbCommandInterceptor, IDbTransactionInterceptor, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<object, byte> _holders = new();

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Enter(command);
        return result;
    }

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await EnterAsync(command, cancellationToken).ConfigureAwait(false);
        return result;
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Enter(command);
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await EnterAsync(command, cancellationToken).ConfigureAwait(false);
        return result;
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Leave(command);
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Leave(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        Leave(command);
        return result;
    }

    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Leave(command);

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(command);
        return Task.CompletedTask;
    }

    public override void CommandCanceled(DbCommand command, CommandEndEventData eventData) => Leave(command);

    public override Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(command);
        return Task.CompletedTask;
    }

    public InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        _gate.Wait();
        _holders.TryAdd(eventData.TransactionId, 0);
        return result;
    }

    public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        _holders.TryAdd(eventData.TransactionId, 0);
        return result;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Leave(eventData?.TransactionId);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(eventData?.TransactionId);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Leave(eventData?.TransactionId);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(eventData?.TransactionId);
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Leave(eventData?.TransactionId);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(eventData?.TransactionId);
        return Task.CompletedTask;
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>A write outside a transaction (inside one, the transaction holds the gate already).</summary>
    private static bool IsLoneWrite(DbCommand command) =>
        command.Transaction is null && command.CommandText.AsSpan().TrimStart() is var text
        && (text.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase) || text.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase));

    private void Enter(DbCommand command)
    {
        if (IsLoneWrite(command))
        {
            _gate.Wait();
            _holders.TryAdd(command, 0);
        }
    }

    private async Task EnterAsync(DbCommand command, CancellationToken cancellationToken)
    {
        if (IsLoneWrite(command))
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            _holders.TryAdd(command, 0);
        }
    }

    private void Leave(object? holder)
    {
        if (holder is not null && _holders.TryRemove(holder, out _))
        {
            _gate.Release();
        }
    }
}
