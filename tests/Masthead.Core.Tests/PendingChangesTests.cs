using Masthead.Core.Events;

namespace Masthead.Core.Tests;

public sealed class PendingChangesTests
{
    private static readonly Guid First = Guid.NewGuid();
    private static readonly Guid Second = Guid.NewGuid();

    [Fact]
    public void Events_raised_before_a_transaction_began_are_dispatched_when_it_commits()
    {
        var pending = new PendingChanges();
        pending.Add(new SiteChanged(SiteArea.Tags), transaction: null);
        pending.Join(First);
        pending.Add(new SiteChanged(SiteArea.Sections), First);

        Assert.Empty(pending.TakeCommitted(null)); // a save outside a transaction does not take the transaction's events
        pending.Add(new SiteChanged(SiteArea.Tags), null);
        pending.Join(First);
        pending.Add(new SiteChanged(SiteArea.Sections), First);

        Assert.Equal([new SiteChanged(SiteArea.Tags), new SiteChanged(SiteArea.Sections)], pending.TakeCommitted(First));
        Assert.Empty(pending.TakeCommitted(First));
    }

    [Fact]
    public void A_rolled_back_transactions_events_are_dropped_and_an_abandoned_ones_never_dispatched()
    {
        var pending = new PendingChanges();
        pending.Add(new SiteChanged(SiteArea.Tags), First);
        pending.Discard(First);
        pending.Add(new SiteChanged(SiteArea.Staff), First); // First is abandoned: never committed, never rolled back
        pending.Add(new SiteChanged(SiteArea.Sections), Second);

        Assert.Equal([new SiteChanged(SiteArea.Sections)], pending.TakeCommitted(Second));
    }

    [Fact]
    public void The_same_event_twice_is_dispatched_once_and_an_articles_changes_become_one()
    {
        var pending = new PendingChanges();
        pending.Add(new SiteChanged(SiteArea.Staff), null);
        pending.Add(new SiteChanged(SiteArea.Staff), null);
        pending.Add(new ArticleChanged(7, [1], [10], [100]), null);
        pending.Add(new ArticleChanged(8, [1], [], [100]), null);
        pending.Add(new ArticleChanged(7, [2], [10, 11], [100]), null);

        var taken = pending.TakeCommitted(null);

        Assert.Equal(3, taken.Count);
        Assert.Equal(new SiteChanged(SiteArea.Staff), taken[0]);
        var seven = Assert.IsType<ArticleChanged>(taken[1]);
        Assert.Equal([1, 2], seven.SectionIds);
        Assert.Equal([10, 11], seven.TagIds);
        Assert.Equal([100], seven.AuthorIds);
        Assert.Equal(8, Assert.IsType<ArticleChanged>(taken[2]).ArticleId);
    }
}
