using Masthead.Core.Articles;
using Masthead.Core.Events;
using Masthead.Core.SiteData;

namespace Masthead.ScaleOut;

/// <summary>
/// Settings, sections, staff, tags, static pages and counts of published articles are held in memory on every
/// node; a change on one node clears them on the others, and a node that may have missed messages clears its own.
/// </summary>
internal sealed class SiteChangeRelay(RedisConnection redis, SiteDataCache cache, PublishedCounts counts) : IScaleOutListener
{
    public void Announce() => redis.Publish(new ScaleOutMessage(redis.NodeId, ScaleOutKinds.SiteChanged));

    public ValueTask ReceiveAsync(ScaleOutMessage message)
    {
        if (message.Kind == ScaleOutKinds.SiteChanged)
        {
            cache.Clear();
        }
        else if (message.Kind == ScaleOutKinds.ArticleChanged)
        {
            counts.Clear();
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask ResyncAsync()
    {
        cache.Clear();
        counts.Clear();
        return ValueTask.CompletedTask;
    }
}

internal sealed class SiteChangeAnnouncer(SiteChangeRelay relay) : IEventHandler<SiteChanged>
{
    public Task HandleAsync(SiteChanged domainEvent, CancellationToken cancellationToken)
    {
        relay.Announce();
        return Task.CompletedTask;
    }
}
