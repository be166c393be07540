using System.Threading.Channels;
using Masthead.Core.Live;

namespace Masthead.Live;

/// <summary>
/// Delivers a story's events to the readers connected to this node. With several nodes, each node's
/// <see cref="LiveReaders"/> hands it the events posted anywhere.
/// </summary>
public interface ILiveBroadcaster
{
    /// <summary>Starts receiving a story's events; dispose the subscription to stop.</summary>
    LiveSubscription Subscribe(int articleId);

    /// <summary>Hands an event to every subscriber without waiting on any of them.</summary>
    void Publish(LiveEventRecord liveEvent);

    /// <summary>Ends every open stream of a story, e.g. when it is unpublished.</summary>
    void Close(int articleId);

    /// <summary>The story's readers connected to this node.</summary>
    int SubscriberCount(int articleId);

    /// <summary>The stories with readers connected to this node.</summary>
    IEnumerable<int> FollowedStories { get; }
}

/// <summary>
/// One reader's buffer. It is bounded: a reader that falls this far behind is disconnected (its reader completes
/// with <see cref="LiveReaderTooSlowException"/> and <see cref="CutOff"/> is cancelled) and resumes from the
/// database by Last-Event-ID.
/// </summary>
public sealed class LiveSubscription(int articleId, Action<LiveSubscription> unsubscribe) : IDisposable
{
    public const int Capacity = 128;

    private readonly Channel<LiveEventRecord> _channel = Channel.CreateBounded<LiveEventRecord>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, SingleWriter = false, FullMode = BoundedChannelFullMode.Wait });

    // Never disposed: Offer may cancel it after the reader has gone, and without a timer it holds nothing to free.
    private readonly CancellationTokenSource _cutOff = new();

    public int ArticleId { get; } = articleId;
    public ChannelReader<LiveEventRecord> Events => _channel.Reader;

    /// <summary>
    /// Cancelled when the buffer overflowed. A reader whose connection has stopped taking data is stuck in a
    /// write, not waiting on <see cref="Events"/>, so the stream aborts its connection on this.
    /// </summary>
    public CancellationToken CutOff => _cutOff.Token;

    internal void Offer(LiveEventRecord liveEvent)
    {
        if (!_channel.Writer.TryWrite(liveEvent) && _channel.Writer.TryComplete(new LiveReaderTooSlowException()))
        {
            _ = _cutOff.CancelAsync(); // the callbacks run elsewhere, never on the publishing request
        }
    }

    internal void End() => _channel.Writer.TryComplete();

    public void Dispose()
    {
        _channel.Writer.TryComplete();
        unsubscribe(this);
    }
}

public sealed class LiveReaderTooSlowException() : Exception("The reader fell too far behind and must resume by Last-Event-ID.");
