namespace Masthead.Tests.ScaleOut;

/// <summary>Each node caches pages in its own memory; a change made on one evicts them on every node.</summary>
public sealed class CacheAcrossNodesTests : IAsyncLifetime
{
    private TwoNodes _nodes = null!;

    public async ValueTask InitializeAsync() => _nodes = await TwoNodes.StartAsync();

    public async ValueTask DisposeAsync() => await _nodes.DisposeAsync();

    [Fact]
    public async Task Publishing_on_one_node_evicts_the_article_and_front_page_the_other_node_cached()
    {
        var (id, path) = await TwoNodes.PublishArticleAsync(_nodes.A, "Transit board meets");
        Assert.Equal("Transit board meets", await TwoNodes.HeadlineAsync(_nodes.B, path));
        Assert.Contains("Transit board meets", await FrontPageHeadlinesAsync());
        await TwoNodes.ChangeHeadlineBehindTheCacheAsync(_nodes.A, id, "Changed behind the cache");
        Assert.Equal("Transit board meets", await TwoNodes.HeadlineAsync(_nodes.B, path)); // B serves its cached copy

        await TwoNodes.ChangeHeadlineAsync(_nodes.A, id, "Transit board approves new routes");

        await TwoNodes.EventuallyAsync(async () => await TwoNodes.HeadlineAsync(_nodes.B, path) == "Transit board approves new routes",
            "node B serves the new headline on the article page");
        await TwoNodes.EventuallyAsync(async () => (await FrontPageHeadlinesAsync()).Contains("Transit board approves new routes"),
            "node B serves the new headline on the front page");
    }

    [Fact]
    public async Task A_new_article_published_on_one_node_leads_the_front_page_of_the_other()
    {
        Assert.DoesNotContain("Ferry service restored", await FrontPageHeadlinesAsync());

        await TwoNodes.PublishArticleAsync(_nodes.A, "Ferry service restored");

        await TwoNodes.EventuallyAsync(async () => (await FrontPageHeadlinesAsync()).Contains("Ferry service restored"), "node B's front page shows the new article");
    }

    private async Task<List<string>> FrontPageHeadlinesAsync() =>
        (await _nodes.B.GetDocumentAsync("/")).QuerySelectorAll(".story-headline").Select(h => h.TextContent.Trim()).ToList();
}
