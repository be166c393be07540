using Masthead.Core.Events;
using Masthead.Core.Live;
using Masthead.Site.Caching;
using Microsoft.AspNetCore.OutputCaching;

namespace Masthead.Live;

/// <summary>
/// After a live change commits: the cached story page is evicted first, so a reader who loads it now sees the
/// update, then the event goes to every connected reader. Runs inside the posting request.
/// </summary>
internal sealed class LiveEventHandlers(ILiveBroadcaster broadcaster, IOutputCacheStore cache, LiveQueries live)
    : IEventHandler<LiveChanged>, IEventHandler<ArticleChanged>
{
    public async Task HandleAsync(LiveChanged change, CancellationToken cancellationToken)
    {
        await cache.EvictByTagAsync(CacheTags.Article(change.ArticleId), cancellationToken);
        if (change.Event is not { Type: LiveEventTypes.Update or LiveEventTypes.Edit or LiveEventTypes.Delete or LiveEventTypes.Pin })
        {
            // Coverage started or ended: LIVE badges on the front and section pages change too.
            await cache.EvictByTagAsync(CacheTags.Site, cancellationToken);
        }

        if (change.Event is { } liveEvent)
        {
            broadcaster.Publish(liveEvent);
        }
    }

    /// <summary>An unpublished story's open streams end cleanly.</summary>
    public async Task HandleAsync(ArticleChanged change, CancellationToken cancellationToken)
    {
        if (broadcaster.SubscriberCount(change.ArticleId) > 0 && !await live.IsPublishedAsync(change.ArticleId, cancellationToken))
        {
            broadcaster.Close(change.ArticleId);
        }
    }
}
