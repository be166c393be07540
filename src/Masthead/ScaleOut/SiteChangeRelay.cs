using Masthead.Core.Events;
using Masthead.Core.SiteData;

namespace Masthead.ScaleOut;

/// <summary>
/// Settings, sections, staff, tags and static pages are held in memory on every node; a change on one node clears
/// them on the others, and a node that may have missed messages clears its own.
/// </summary>
internal sealed class SiteChangeRelay(RedisConnection redis, SiteDataCache cache) : IScaleOutListener
{
    public void Announce() => redis.Publish(new ScaleOutMessage(redis.NodeId, ScaleOutKinds.SiteChanged));

    public ValueTask ReceiveAsync(ScaleOutMessage message)
    {
        if (message.Kind == ScaleOutKinds.SiteChanged)
        {
            cache.Clear();
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask ResyncAsync()
    {
        cache.Clear();
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
