using System.Threading.Channels;
using Masthead.Core.Live;
using Masthead.Live;

namespace Masthead.Tests.Live;

public sealed class LiveBroadcasterTests
{
    private static LiveEventRecord Event(int articleId, int id) => new(articleId, id, LiveEventTypes.Update, "{}");

    [Fact]
    public async Task Each_subscriber_of_a_story_gets_its_events_and_no_other_storys()
    {
        var broadcaster = new InProcessLiveBroadcaster();
        using var first = broadcaster.Subscribe(1);
        using var second = broadcaster.Subscribe(1);
        using var elsewhere = broadcaster.Subscribe(2);

        broadcaster.Publish(Event(1, 7));

        Assert.Equal(7, (await first.Events.ReadAsync(TestContext.Current.CancellationToken)).Id);
        Assert.Equal(7, (await second.Events.ReadAsync(TestContext.Current.CancellationToken)).Id);
        Assert.False(elsewhere.Events.TryRead(out _));
    }

    [Fact]
    public async Task A_reader_that_falls_a_full_buffer_behind_is_cut_off_without_slowing_the_others()
    {
        var broadcaster = new InProcessLiveBroadcaster();
        using var slow = broadcaster.Subscribe(1);
        using var fast = broadcaster.Subscribe(1);

        // A reader's buffer holds 128 events: the 129th is one too many for the reader that reads nothing.
        for (var id = 1; id <= 129; id++)
        {
            broadcaster.Publish(Event(1, id));
            Assert.Equal(id, (await fast.Events.ReadAsync(TestContext.Current.CancellationToken)).Id);
        }

        var drained = new List<int>();
        await Assert.ThrowsAsync<LiveReaderTooSlowException>(async () =>
        {
            await foreach (var liveEvent in slow.Events.ReadAllAsync(TestContext.Current.CancellationToken))
            {
                drained.Add(liveEvent.Id);
            }
        });
        Assert.Equal(Enumerable.Range(1, 128), drained);
        Assert.True(slow.CutOff.IsCancellationRequested);

        broadcaster.Publish(Event(1, 130));
        Assert.Equal(130, (await fast.Events.ReadAsync(TestContext.Current.CancellationToken)).Id);
    }

    [Fact]
    public async Task Closing_a_story_ends_its_streams_and_disposing_unsubscribes()
    {
        var broadcaster = new InProcessLiveBroadcaster();
        var reader = broadcaster.Subscribe(3);
        using var other = broadcaster.Subscribe(3);

        reader.Dispose();
        Assert.Equal(1, broadcaster.SubscriberCount(3));

        broadcaster.Close(3);
        await Assert.ThrowsAnyAsync<ChannelClosedException>(async () => await other.Events.ReadAsync(TestContext.Current.CancellationToken));
    }
}
