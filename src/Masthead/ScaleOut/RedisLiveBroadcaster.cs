using System.Collections.Concurrent;
using Masthead.Core.Live;
using Masthead.Live;

namespace Masthead.ScaleOut;

/// <summary>
/// Live events across nodes. An event is delivered to this node's readers at once, then published on Redis, and every
/// other node delivers it to its own readers. Each node remembers the last id it delivered per story and drops
/// anything at or below it, so a reader never gets an event twice or out of order; a gap left by a lost or late
/// message is filled from the database by the reader's stream (see <see cref="LiveStreamEndpoint"/>).
/// </summary>
internal sealed class RedisLiveBroadcaster(RedisConnection redis, IServiceScopeFactory scopes, ILogger<RedisLiveBroadcaster> logger)
    : ILiveBroadcaster, IScaleOutListener
{
    private readonly InProcessLiveBroadcaster _local = new();
    private readonly Dictionary<int, int> _delivered = [];
    private readonly ConcurrentDictionary<int, byte> _followed = new();

    public LiveSubscription Subscribe(int articleId)
    {
        _followed.TryAdd(articleId, 0);
        return _local.Subscribe(articleId);
    }

    public void Publish(LiveEventRecord liveEvent)
    {
        Deliver(liveEvent);
        redis.Publish(new ScaleOutMessage(redis.NodeId, ScaleOutKinds.LiveEvent)
        {
            ArticleId = liveEvent.ArticleId,
            EventId = liveEvent.Id,
            Type = liveEvent.Type,
            Data = liveEvent.Data,
        });
    }

    public void Close(int articleId)
    {
        _local.Close(articleId);
        redis.Publish(new ScaleOutMessage(redis.NodeId, ScaleOutKinds.CloseStory) { ArticleId = articleId });
    }

    /// <summary>This node's readers of the story.</summary>
    public int SubscriberCount(int articleId) => _local.SubscriberCount(articleId);

    public ValueTask ReceiveAsync(ScaleOutMessage message)
    {
        switch (message.Kind)
        {
            case ScaleOutKinds.LiveEvent:
                Deliver(message.LiveEvent);
                break;
            case ScaleOutKinds.CloseStory:
                _local.Close(message.ArticleId);
                break;
            case ScaleOutKinds.ArticleChanged when _local.SubscriberCount(message.ArticleId) > 0:
                _ = CloseIfUnpublishedAsync(message.ArticleId);
                break;
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// For each story this node has readers of, delivers the newest event in the database if this node has not: each
    /// reader's stream then sees the gap and reads exactly what it missed from the database, in order.
    /// </summary>
    public ValueTask ResyncAsync()
    {
        _ = CatchUpAsync();
        return ValueTask.CompletedTask;
    }

    private void Deliver(LiveEventRecord liveEvent)
    {
        // Offering never blocks, so holding the lock keeps each story's deliveries in increasing order at no cost.
        lock (_delivered)
        {
            if (_delivered.TryGetValue(liveEvent.ArticleId, out var last) && liveEvent.Id <= last)
            {
                return;
            }

            _delivered[liveEvent.ArticleId] = liveEvent.Id;
            _local.Publish(liveEvent);
        }
    }

    private async Task CatchUpAsync()
    {
        try
        {
            foreach (var storyId in _followed.Keys.Where(id => _local.SubscriberCount(id) > 0))
            {
                await using var scope = scopes.CreateAsyncScope();
                var live = scope.ServiceProvider.GetRequiredService<LiveQueries>();
                var newest = await live.LastEventIdAsync(storyId);
                if (newest > 0)
                {
                    foreach (var liveEvent in await live.EventsAfterAsync(storyId, newest - 1))
                    {
                        Deliver(liveEvent);
                    }
                }
            }
        }
        catch (Exception exception)
        {
            // Readers still catch up on the story's next event, or by Last-Event-ID when they reconnect.
            logger.LogWarning(exception, "Live readers on this node could not be caught up after a Redis outage");
        }
    }

    private async Task CloseIfUnpublishedAsync(int articleId)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            if (!await scope.ServiceProvider.GetRequiredService<LiveQueries>().IsPublishedAsync(articleId))
            {
                _local.Close(articleId);
            }
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Could not check whether story {ArticleId} is still published", articleId);
        }
    }
}
