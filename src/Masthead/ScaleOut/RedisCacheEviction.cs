using System.Buffers;
using System.IO.Pipelines;
using Masthead.Site.Caching;
using Microsoft.AspNetCore.OutputCaching;

namespace Masthead.ScaleOut;

/// <summary>
/// Each node keeps its pages in its own fast in-memory output cache; evictions are what nodes share. Evicting a tag
/// here evicts it on this node at once and tells the others, which evict it too. After a Redis outage a node may
/// have missed evictions, so it evicts everything it holds (every cached response carries <see cref="CacheTags.Site"/>).
/// </summary>
internal sealed class RedisCacheEviction(IOutputCacheStore local, RedisConnection redis) : IOutputCacheBufferStore, IScaleOutListener
{
    public async ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        await local.EvictByTagAsync(tag, cancellationToken);
        redis.Publish(new ScaleOutMessage(redis.NodeId, ScaleOutKinds.Evict) { Tag = tag });
    }

    public async ValueTask ReceiveAsync(ScaleOutMessage message)
    {
        if (message is { Kind: ScaleOutKinds.Evict, Tag: { } tag })
        {
            await local.EvictByTagAsync(tag, CancellationToken.None);
        }
    }

    public ValueTask ResyncAsync() => local.EvictByTagAsync(CacheTags.Site, CancellationToken.None);

    public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => local.GetAsync(key, cancellationToken);

    public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken) =>
        local.SetAsync(key, value, tags, validFor, cancellationToken);

    public async ValueTask<bool> TryGetAsync(string key, PipeWriter destination, CancellationToken cancellationToken)
    {
        if (local is IOutputCacheBufferStore buffers)
        {
            return await buffers.TryGetAsync(key, destination, cancellationToken);
        }

        if (await local.GetAsync(key, cancellationToken) is not { } value)
        {
            return false;
        }

        await destination.WriteAsync(value, cancellationToken);
        return true;
    }

    public ValueTask SetAsync(string key, ReadOnlySequence<byte> value, ReadOnlyMemory<string> tags, TimeSpan validFor, CancellationToken cancellationToken) =>
        local is IOutputCacheBufferStore buffers
            ? buffers.SetAsync(key, value, tags, validFor, cancellationToken)
            : local.SetAsync(key, value.ToArray(), tags.ToArray(), validFor, cancellationToken);
}
