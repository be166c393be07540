using System.Collections.Concurrent;
using Masthead.Core.Live;

namespace Masthead.Live;

/// <summary>
/// Fans each event out to this node's readers of the story. Events of one story may arrive twice or out of order when
/// several nodes post to it; only an event newer than the last one delivered goes out, so a reader never gets one twice,
/// and a gap left by a lost or late one is filled from the database by the reader's stream (see
/// <see cref="LiveStreamEndpoint"/>). Subscribing and publishing never block each other.
/// </summary>
public sealed class InProcessLiveBroadcaster : ILiveBroadcaster
{
    private readonly ConcurrentDictionary<int, ConcurrentDictionary<LiveSubscription, byte>> _stories = new();
    private readonly Dictionary<int, int> _delivered = [];

    public IEnumerable<int> FollowedStories => _stories.Where(story => !story.Value.IsEmpty).Select(story => story.Key);

    public LiveSubscription Subscribe(int articleId)
    {
        var subscription = new LiveSubscription(articleId, Remove);
        _stories.GetOrAdd(articleId, _ => new ConcurrentDictionary<LiveSubscription, byte>())[subscription] = 0;
        return subscription;
    }

    public void Publish(LiveEventRecord liveEvent)
    {
        // Offering never blocks, so holding the lock keeps each story's deliveries in increasing order at no cost.
        lock (_delivered)
        {
            if (_delivered.TryGetValue(liveEvent.ArticleId, out var last) && liveEvent.Id <= last)
            {
                return;
            }

            _delivered[liveEvent.ArticleId] = liveEvent.Id;
            if (_stories.TryGetValue(liveEvent.ArticleId, out var subscribers))
            {
                foreach (var subscriber in subscribers.Keys)
                {
                    subscriber.Offer(liveEvent);
                }
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
