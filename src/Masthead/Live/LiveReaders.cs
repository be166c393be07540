using Masthead.Core.Events;
using Masthead.Core.Live;

namespace Masthead.Live;

/// <summary>
/// Keeps the readers connected to this node up to date: a story's new events go to its readers, and an unpublished
/// story's open streams end cleanly. Runs on every node, so each serves its own readers.
/// </summary>
internal sealed class LiveReaders(ILiveBroadcaster broadcaster, LiveQueries live, ILogger<LiveReaders> logger)
    : IEventHandler<LiveChanged>, IEventHandler<ArticleChanged>, IEventHandler<ChangesMissed>
{
    public Task HandleAsync(LiveChanged change, CancellationToken cancellationToken)
    {
        if (change.Event is { } liveEvent)
        {
            broadcaster.Publish(liveEvent);
        }

        return Task.CompletedTask;
    }

    public async Task HandleAsync(ArticleChanged change, CancellationToken cancellationToken)
    {
        if (broadcaster.SubscriberCount(change.ArticleId) > 0 && !await live.IsPublishedAsync(change.ArticleId, cancellationToken))
        {
            broadcaster.Close(change.ArticleId);
        }
    }

    /// <summary>
    /// For each story with readers here, delivers its newest event if this node has not: each reader's stream then sees
    /// the gap and reads exactly what it missed from the database, in order.
    /// </summary>
    public async Task HandleAsync(ChangesMissed change, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var storyId in broadcaster.FollowedStories)
            {
                var newest = await live.LastEventIdAsync(storyId, cancellationToken);
                if (newest > 0)
                {
                    foreach (var liveEvent in await live.EventsAfterAsync(storyId, newest - 1, cancellationToken))
                    {
                        broadcaster.Publish(liveEvent);
                    }
                }
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Readers still catch up on the story's next event, or by Last-Event-ID when they reconnect.
            logger.LogWarning(exception, "Live readers on this node could not be caught up after missing changes");
        }
    }
}
