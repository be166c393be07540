using Masthead.Site.Caching;
using Microsoft.AspNetCore.OutputCaching;

namespace Masthead.ScaleOut;

/// <summary>
/// Each node keeps its pages in its own fast in-memory output cache; evictions are what nodes share. Evicting a tag
/// here evicts it on this node at once and tells the others, which evict it too. After a Redis outage a node may
/// have missed evictions, so it evicts everything it holds (every cached response carries <see cref="CacheTags.Site"/>).
/// </summary>
internal sealed class RedisCacheEviction(IOutputCacheStore local, RedisConnection redis) : OutputCacheStoreDecorator(local), IScaleOutListener
{
    public override async ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        await Inner.EvictByTagAsync(tag, cancellationToken);
        redis.Publish(new ScaleOutMessage(redis.NodeId, ScaleOutKinds.Evict) { Tag = tag });
    }

    public async ValueTask ReceiveAsync(ScaleOutMessage message)
    {
        if (message is { Kind: ScaleOutKinds.Evict, Tag: { } tag })
        {
            await Inner.EvictByTagAsync(tag, CancellationToken.None);
        }
    }

    public ValueTask ResyncAsync() => Inner.EvictByTagAsync(CacheTags.Site, CancellationToken.None);
}
