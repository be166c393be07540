using Masthead.Core.Publishing;
using Masthead.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.ScaleOut;

/// <summary>A developing story followed on two nodes: what is posted on one reaches readers of both, over Redis.</summary>
public sealed class LiveAcrossNodesTests : IAsyncLifetime
{
    private TwoNodes _nodes = null!;
    private int _storyId;
    private string _path = "";

    public async ValueTask InitializeAsync()
    {
        _nodes = await TwoNodes.StartAsync();
        (_storyId, _path) = await _nodes.StartLiveStoryAsync();
    }

    public async ValueTask DisposeAsync() => await _nodes.DisposeAsync();

    [Fact]
    public async Task Updates_posted_on_one_node_reach_readers_of_both_in_order_with_the_same_event_ids()
    {
        await using var onA = await TwoNodes.OpenStreamAsync(_nodes.A, _storyId, _path);
        await using var onB = await TwoNodes.OpenStreamAsync(_nodes.B, _storyId, _path);

        var posted = new List<int>();
        for (var i = 1; i <= 5; i++)
        {
            posted.Add(await TwoNodes.PostUpdateAsync(_nodes.A, _storyId, $"Update {i} from the chamber."));
        }

        var fromA = new List<SseEvent>();
        var fromB = new List<SseEvent>();
        for (var i = 0; i < posted.Count; i++)
        {
            fromA.Add((await onA.NextAsync())!);
            fromB.Add((await onB.NextAsync())!);
        }

        Assert.Equal(posted, fromB.Select(TwoNodes.UpdateId));
        Assert.Equal(fromA.Select(e => e.Id), fromB.Select(e => e.Id));
        var ids = fromB.Select(e => int.Parse(e.Id!)).ToList();
        Assert.Equal(Enumerable.Range(ids[0], posted.Count), ids);
    }

    [Fact]
    public async Task Updates_posted_on_both_nodes_reach_a_reader_once_each_in_id_order()
    {
        await using var onB = await TwoNodes.OpenStreamAsync(_nodes.B, _storyId, _path);

        var posted = new List<int>();
        for (var i = 1; i <= 3; i++)
        {
            posted.Add(await TwoNodes.PostUpdateAsync(_nodes.A, _storyId, $"From node A, {i}."));
            posted.Add(await TwoNodes.PostUpdateAsync(_nodes.B, _storyId, $"From node B, {i}."));
        }

        var received = new List<SseEvent>();
        for (var i = 0; i < posted.Count; i++)
        {
            received.Add((await onB.NextAsync())!);
        }

        Assert.Equal(posted, received.Select(TwoNodes.UpdateId));
        var ids = received.Select(e => int.Parse(e.Id!)).ToList();
        Assert.Equal(Enumerable.Range(ids[0], posted.Count), ids);
    }

    [Fact]
    public async Task A_reader_resumes_by_last_event_id_on_the_other_node()
    {
        string lastSeen;
        await using (var onA = await TwoNodes.OpenStreamAsync(_nodes.A, _storyId, _path))
        {
            await TwoNodes.PostUpdateAsync(_nodes.A, _storyId, "Seen on node A before the drop.");
            lastSeen = (await onA.NextAsync())!.Id!;
        }

        var missed = new[]
        {
            await TwoNodes.PostUpdateAsync(_nodes.A, _storyId, "Missed one."),
            await TwoNodes.PostUpdateAsync(_nodes.A, _storyId, "Missed two."),
        };
        await using var onB = await SseReader.OpenAsync(_nodes.B.Client, _path + "/live", lastSeen);
        var first = await onB.NextAsync();
        var second = await onB.NextAsync();
        var live = await TwoNodes.PostUpdateAsync(_nodes.A, _storyId, "After the resume, posted on node A.");
        var third = await onB.NextAsync();

        Assert.Equal(int.Parse(lastSeen) + 1, int.Parse(first!.Id!));
        Assert.Equal(missed, new[] { first, second! }.Select(TwoNodes.UpdateId));
        Assert.Equal(live, TwoNodes.UpdateId(third!));
        Assert.Equal(int.Parse(lastSeen) + 3, int.Parse(third!.Id!));
    }

    [Fact]
    public async Task Unpublishing_on_one_node_ends_the_streams_on_the_other()
    {
        await using var onB = await TwoNodes.OpenStreamAsync(_nodes.B, _storyId, _path);

        await _nodes.A.InScopeAsync(services => services.GetRequiredService<PublishingService>().UnpublishAsync(Actor.System, _storyId));

        Assert.Null(await onB.NextAsync());
    }
}
