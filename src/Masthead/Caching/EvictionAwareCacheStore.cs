using System.Buffers;
using System.Collections.Concurrent;
using Masthead.Core.Caching;
using Microsoft.AspNetCore.OutputCaching;

namespace Masthead.Caching;

/// <summary>
/// The output cache stores an answer after it has been sent, so an answer read from the database just before a
/// change could be stored just after the change evicted its tags, and be served stale until it expires. This store
/// remembers when each tag was last evicted and refuses an answer whose request began before one of its tags was.
/// </summary>
internal sealed class EvictionAwareCacheStore(IOutputCacheStore inner, IHttpContextAccessor requests) : OutputCacheStoreDecorator(inner)
{
    private const string StartKey = "Masthead.OutputCacheSequence";
    private readonly ConcurrentDictionary<string, long> _evictedAt = new(StringComparer.Ordinal);
    private readonly CacheGeneration _evictions = new();

    /// <summary>Called by the cache policies as a request starts, before it reads anything.</summary>
    public void MarkStart(HttpContext context) => context.Items[StartKey] = _evictions.Current;

    public override ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        _evictedAt[tag] = _evictions.Advance();
        return base.EvictByTagAsync(tag, cancellationToken);
    }

    public override ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken) =>
        IsStale(tags) ? ValueTask.CompletedTask : base.SetAsync(key, value, tags, validFor, cancellationToken);

    public override ValueTask SetAsync(string key, ReadOnlySequence<byte> value, ReadOnlyMemory<string> tags, TimeSpan validFor, CancellationToken cancellationToken) =>
        IsStale(tags.Span) ? ValueTask.CompletedTask : base.SetAsync(key, value, tags, validFor, cancellationToken);

    private bool IsStale(ReadOnlySpan<string> tags)
    {
        if (requests.HttpContext?.Items[StartKey] is not long started)
        {
            return false;
        }

        foreach (var tag in tags)
        {
            if (_evictedAt.TryGetValue(tag, out var evicted) && evicted > started)
            {
                return true;
            }
        }

        return false;
    }
}
