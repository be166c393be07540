using Masthead.Testing;

namespace Masthead.Tests.Feeds;

public sealed class FeedAutodiscoveryTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    [Fact]
    public async Task Every_page_names_the_site_feeds_and_list_pages_name_their_own()
    {
        var front = await site.Server.GetDocumentAsync("/");
        var section = await site.Server.GetDocumentAsync("/section/politics");

        string[] Feeds(AngleSharp.Dom.IDocument page) => page.QuerySelectorAll("link[rel=alternate]").Select(l => l.GetAttribute("href")!).ToArray();
        Assert.Equal(["/feed.xml", "/feed.atom", "/feed.json"], Feeds(front));
        Assert.Equal(["/feed.xml", "/feed.atom", "/feed.json", "/section/politics/feed.xml", "/section/politics/feed.atom", "/section/politics/feed.json"], Feeds(section));
        foreach (var href in Feeds(section))
        {
            Assert.Equal(200, (int)(await site.Server.Client.GetAsync(href)).StatusCode);
        }
    }

    [Fact]
    public async Task A_developing_story_names_its_live_updates_feed()
    {
        var front = await site.Server.GetDocumentAsync("/");
        var path = front.QuerySelectorAll("a").Select(a => a.GetAttribute("href")!).First(h => h.EndsWith("/council-budget-night", StringComparison.Ordinal));

        var story = await site.Server.GetDocumentAsync(path);

        Assert.Contains(path + "/live.atom", story.QuerySelectorAll("link[rel=alternate]").Select(l => l.GetAttribute("href")));
    }
}
