namespace Masthead.Core.Events;

/// <summary>
/// The events raised on one unit of work that have not been dispatched yet. Each is marked with the transaction that
/// was open when it was raised; one raised outside a transaction joins the next transaction that begins (a save's
/// own transaction included), so it is dispatched when that commits and dropped when it does not.
/// </summary>
internal sealed class PendingChanges
{
    private readonly List<Pending> _pending = [];

    public void Add(IChangeEvent change, Guid? transaction)
    {
        for (var i = 0; i < _pending.Count; i++)
        {
            if (_pending[i].Transaction != transaction)
            {
                continue;
            }

            if (_pending[i].Change.Equals(change))
            {
                return;
            }

            if (_pending[i].Change is ArticleChanged earlier && change is ArticleChanged later && earlier.ArticleId == later.ArticleId)
            {
                _pending[i] = _pending[i] with { Change = earlier.Merge(later) };
                return;
            }
        }

        _pending.Add(new Pending(change, transaction));
    }

    /// <summary>A transaction began: the events raised outside one belong to it now.</summary>
    public void Join(Guid transaction)
    {
        for (var i = 0; i < _pending.Count; i++)
        {
            if (_pending[i].Transaction is null)
            {
                _pending[i] = _pending[i] with { Transaction = transaction };
            }
        }
    }

    /// <summary>
    /// Takes the events of what just committed: <paramref name="transaction"/>'s, or with null, those raised outside
    /// any transaction. Events of any other transaction are dropped: a context has one transaction at a time, so
    /// theirs ended without committing.
    /// </summary>
    public IReadOnlyList<IChangeEvent> TakeCommitted(Guid? transaction)
    {
        if (_pending.Count == 0)
        {
            return [];
        }

        var committed = _pending.Where(p => p.Transaction == transaction).Select(p => p.Change).ToArray();
        _pending.Clear();
        return committed;
    }

    /// <summary>Drops the events of what failed: <paramref name="transaction"/>'s, or with null, those raised outside any transaction.</summary>
    public void Discard(Guid? transaction) => _pending.RemoveAll(p => p.Transaction == transaction);

    public void Clear() => _pending.Clear();

    private readonly record struct Pending(IChangeEvent Change, Guid? Transaction);
}
