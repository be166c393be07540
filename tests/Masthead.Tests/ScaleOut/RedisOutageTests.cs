using System.Net;
using System.Text.Json;
using Masthead.Testing;
using Masthead.Tests.Newsroom;

namespace Masthead.Tests.ScaleOut;

/// <summary>Redis goes away and comes back while two nodes serve: they degrade, never lose, and catch up by themselves.</summary>
public sealed class RedisOutageTests : IAsyncLifetime
{
    private TwoNodes _nodes = null!;

    public async ValueTask InitializeAsync() => _nodes = await TwoNodes.StartAsync();

    public async ValueTask DisposeAsync() => await _nodes.DisposeAsync();

    private IEnumerable<MastheadServer> Nodes => [_nodes.A, _nodes.B];

    [Fact]
    public async Task Without_Redis_both_nodes_serve_pages_and_the_newsroom_and_say_they_are_degraded()
    {
        foreach (var node in Nodes)
        {
            Assert.Equal("Healthy", await ReadinessAsync(node));
        }

        await _nodes.Redis.StopAsync();

        foreach (var node in Nodes)
        {
            await TwoNodes.EventuallyAsync(async () => await ReadinessAsync(node) == "Degraded", "/readyz says Degraded");
            Assert.Equal(HttpStatusCode.OK, (await node.Client.GetAsync("/healthz")).StatusCode);
            Assert.NotEmpty((await node.GetDocumentAsync("/")).QuerySelectorAll(".story-headline"));
            using var editor = await NewsroomClient.SignInAsync(node, DemoLogins.Editor);
            var headline = $"Written on {node.BaseAddress.Port} while Redis is away";
            var id = await editor.WriteAsync(headline);
            Assert.Equal(headline, (await node.StoredAsync(id)).Headline);
        }

        await _nodes.Redis.StartAgainAsync();

        foreach (var node in Nodes)
        {
            await TwoNodes.EventuallyAsync(async () => await ReadinessAsync(node) == "Healthy", "/readyz says Healthy again");
        }
    }

    [Fact]
    public async Task A_live_update_posted_during_an_outage_reaches_the_posting_nodes_readers_at_once_and_the_others_when_Redis_returns()
    {
        var (storyId, path) = await _nodes.StartLiveStoryAsync();
        await using var onA = await TwoNodes.OpenStreamAsync(_nodes.A, storyId, path);
        await using var onB = await TwoNodes.OpenStreamAsync(_nodes.B, storyId, path);
        await TwoNodes.PostUpdateAsync(_nodes.A, storyId, "Before the outage.");
        var before = int.Parse((await onB.NextAsync())!.Id!);
        Assert.Equal(before, int.Parse((await onA.NextAsync())!.Id!));

        await _nodes.Redis.StopAsync();
        var during = await TwoNodes.PostUpdateAsync(_nodes.A, storyId, "During the outage.");
        var onAAtOnce = await onA.NextAsync(); // Redis is still away
        await _nodes.Redis.StartAgainAsync();
        var caughtUp = await onB.NextAsync();
        var after = await TwoNodes.PostUpdateAsync(_nodes.A, storyId, "After the outage.");
        var next = await onB.NextAsync();

        Assert.Equal(during, TwoNodes.UpdateId(onAAtOnce!));
        Assert.Equal(during, TwoNodes.UpdateId(caughtUp!));
        Assert.Equal(before + 1, int.Parse(caughtUp!.Id!));
        Assert.Equal(after, TwoNodes.UpdateId(next!));
        Assert.Equal(before + 2, int.Parse(next!.Id!));
    }

    [Fact]
    public async Task Pages_changed_during_an_outage_are_fresh_on_every_node_once_Redis_returns()
    {
        var (id, path) = await TwoNodes.PublishArticleAsync(_nodes.A, "Library hours extended");
        Assert.Equal("Library hours extended", await TwoNodes.HeadlineAsync(_nodes.B, path));

        await _nodes.Redis.StopAsync();
        await TwoNodes.ChangeHeadlineAsync(_nodes.A, id, "Library hours extended to Sundays");
        Assert.Equal("Library hours extended to Sundays", await TwoNodes.HeadlineAsync(_nodes.A, path));
        await _nodes.Redis.StartAgainAsync();

        await TwoNodes.EventuallyAsync(async () => await TwoNodes.HeadlineAsync(_nodes.B, path) == "Library hours extended to Sundays",
            "node B serves the headline changed during the outage");
    }

    private static async Task<string> ReadinessAsync(MastheadServer node)
    {
        using var response = await node.Client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString()!;
    }
}
