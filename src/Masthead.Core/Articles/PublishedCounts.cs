using System.Collections.Concurrent;
using Masthead.Core.Events;

namespace Masthead.Core.Articles;

/// <summary>
/// How many published articles a list holds. Counting reads the list's whole index (100,000 entries for the
/// Content API's total on a large archive), so counts are kept until an article changes anywhere.
/// </summary>
public sealed class PublishedCounts
{
    private readonly ConcurrentDictionary<ArticleFilter, int> _counts = new();
    private int _generation;

    public async Task<int> GetAsync(ArticleFilter filter, Func<Task<int>> count)
    {
        if (_counts.TryGetValue(filter, out var known))
        {
            return known;
        }

        var generation = Volatile.Read(ref _generation);
        var counted = await count();
        if (Volatile.Read(ref _generation) == generation)
        {
            _counts[filter] = counted;
        }

        return counted;
    }

    /// <summary>Forgets every count; also called when another node reports a changed article.</summary>
    public void Clear()
    {
        Interlocked.Increment(ref _generation);
        _counts.Clear();
    }
}

internal sealed class PublishedCountsInvalidation(PublishedCounts counts) : IEventHandler<ArticleChanged>
{
    public Task HandleAsync(ArticleChanged domainEvent, CancellationToken cancellationToken)
    {
        counts.Clear();
        return Task.CompletedTask;
    }
}
