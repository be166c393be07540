using System.Data.Common;
using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Masthead.Core.Events;

/// <summary>
/// Dispatches a unit of work's events once what they describe has committed, whoever opened the transaction: when the
/// outermost transaction commits, or when a save outside any transaction has succeeded. A transaction rolled back or
/// abandoned, or a failed save, drops its events.
/// </summary>
internal sealed class ChangeEventInterceptor(ChangeEventDispatcher dispatcher) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    public async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is MastheadDb db && db.Database.CurrentTransaction is null)
        {
            await dispatcher.DispatchCommittedAsync(db.Pending.TakeCommitted(null));
        }

        return result;
    }

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is MastheadDb db && db.Database.CurrentTransaction is null)
        {
            db.Pending.Discard(null);
        }

        return Task.CompletedTask;
    }

    public ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result,
        CancellationToken cancellationToken = default)
    {
        (eventData.Context as MastheadDb)?.Pending.Join(eventData.TransactionId);
        return ValueTask.FromResult(result);
    }

    public async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is MastheadDb db)
        {
            await dispatcher.DispatchCommittedAsync(db.Pending.TakeCommitted(eventData.TransactionId));
        }
    }

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        (eventData.Context as MastheadDb)?.Pending.Discard(eventData.TransactionId);
        return Task.CompletedTask;
    }

    // Masthead saves and commits asynchronously; the synchronous paths keep the same rules.
    public int SavedChanges(SaveChangesCompletedEventData eventData, int result) =>
        SavedChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

    public void SaveChangesFailed(DbContextErrorEventData eventData) => SaveChangesFailedAsync(eventData).GetAwaiter().GetResult();

    public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result) =>
        TransactionStartedAsync(connection, eventData, result).AsTask().GetAwaiter().GetResult();

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        TransactionCommittedAsync(transaction, eventData).GetAwaiter().GetResult();

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) =>
        TransactionRolledBackAsync(transaction, eventData).GetAwaiter().GetResult();
}
