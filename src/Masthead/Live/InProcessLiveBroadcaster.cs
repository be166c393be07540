using System.Collections.Concurrent;
using Masthead.Core.Live;

namespace Masthead.Live;

/// <summary>Fans each event out to this node's readers of the story. Subscribing and publishing never block each other.</summary>
public sealed class InProcessLiveBroadcaster : ILiveBroadcaster
{
    private readonly ConcurrentDictionary<int, ConcurrentDictionary<LiveSubscription, byte>> _stories = new();

    public LiveSubscription Subscribe(int articleId)
    {
        var subscription = new LiveSubscription(articleId, Remove);
        _stories.GetOrAdd(articleId, _ => new ConcurrentDictionary<LiveSubscription, byte>())[subscription] = 0;
        return subscription;
    }

    public void Publish(LiveEventRecord liveEvent)
    {
        if (_stories.TryGetValue(liveEvent.ArticleId, out var subscribers))
        {
            foreach (var subscriber in subscribers.Keys)
            {
                subscriber.Offer(liveEvent);
            }
        }
    }

    public void Close(int articleId)
    {
        if (_stories.TryGetValue(articleId, out var subscribers))
        {
            foreach (var subscriber in subscribers.Keys)
            {
                subscriber.End();
            }
        }
    }

    public int SubscriberCount(int articleId) => _stories.TryGetValue(articleId, out var subscribers) ? subscribers.Count : 0;

    private void Remove(LiveSubscription subscription)
    {
        if (_stories.TryGetValue(subscription.ArticleId, out var subscribers))
        {
            subscribers.TryRemove(subscription, out _);
        }
    }
}
