using Masthead.Core.Articles;
using Masthead.Core.People;
using Masthead.Core.Publishing;
using Masthead.Core.Sections;
using Masthead.Core.Tags;
using Masthead.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Site;

public sealed class PagingTests(DemoSiteFixture site) : IAsyncLifetime, IClassFixture<DemoSiteFixture>
{
    private MastheadServer Server => site.Server;

    public async ValueTask InitializeAsync()
    {
        if ((await Server.GetDocumentAsync("/section/culture")).QuerySelector("a[rel=next]") is not null)
        {
            return;
        }

        await Server.InScopeAsync(async services =>
        {
            var culture = (await services.GetRequiredService<SectionService>().GetBySlugAsync("culture"))!;
            var author = (await services.GetRequiredService<StaffService>().GetBySlugAsync("tobias-wren"))!;
            var arts = (await services.GetRequiredService<TagService>().GetBySlugAsync("arts"))!;
            var articles = services.GetRequiredService<ArticleService>();
            for (var i = 1; i <= 15; i++)
            {
                var id = await articles.CreateAsync(Actor.System,
                    new ArticleInput { Headline = $"Gallery night {i}", SectionId = culture.Id, AuthorIds = [author.Id], TagIds = [arts.Id] });
                await services.GetRequiredService<PublishingService>().PublishAsync(Actor.System, id, DateTime.UtcNow.AddDays(-30).AddHours(i));
            }
        });
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Section_lists_page_ten_at_a_time_with_prev_and_next_links()
    {
        var first = await Server.GetDocumentAsync("/section/culture");
        var second = await Server.GetDocumentAsync("/section/culture?page=2");

        Assert.Equal(10, first.QuerySelectorAll(".story-list .story").Length);
        Assert.Equal("/section/culture?page=2", first.QuerySelector(".pager a[rel=next]")!.GetAttribute("href"));
        Assert.Null(first.QuerySelector(".pager a[rel=prev]"));
        Assert.Equal("Culture (page 2) - The Larkmoor Lantern", second.Title);
        Assert.Equal(new Uri(Server.BaseAddress, "/section/culture?page=2").ToString(), second.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal(new Uri(Server.BaseAddress, "/section/culture").ToString(), second.QuerySelector("link[rel=prev]")!.GetAttribute("href"));
        var firstHeadlines = first.QuerySelectorAll(".story-headline").Select(h => h.TextContent).ToHashSet();
        Assert.DoesNotContain(second.QuerySelectorAll(".story-headline").Select(h => h.TextContent), firstHeadlines.Contains);
        Assert.NotEmpty(second.QuerySelectorAll(".story-headline"));
        Assert.All(second.QuerySelectorAll(".story-headline"), h => Assert.StartsWith("Gallery night", h.TextContent.Trim()));
    }

    [Fact]
    public async Task Author_pages_page_the_same_way()
    {
        var first = await Server.GetDocumentAsync("/author/tobias-wren");

        Assert.Equal(10, first.QuerySelectorAll(".story-list .story").Length);
        Assert.NotNull(first.QuerySelector("link[rel=next]"));
        Assert.Equal(200, (int)(await Server.Client.GetAsync("/author/tobias-wren?page=2")).StatusCode);
    }

    [Fact]
    public async Task Tag_pages_page_the_same_way_and_the_last_page_holds_the_oldest()
    {
        var pages = new List<AngleSharp.Dom.IDocument> { await Server.GetDocumentAsync("/tag/arts") };
        while (pages[^1].QuerySelector("a[rel=next]")?.GetAttribute("href") is { } next)
        {
            Assert.Equal($"/tag/arts?page={pages.Count + 1}", next);
            pages.Add(await Server.GetDocumentAsync(next));
        }

        Assert.True(pages.Count >= 2);
        Assert.All(pages[..^1], page => Assert.Equal(10, page.QuerySelectorAll(".story-list .story").Length));
        Assert.Equal("Gallery night 1", pages[^1].QuerySelectorAll(".story-headline").Last().TextContent.Trim());
        await Server.GetDocumentAsync($"/tag/arts?page={pages.Count + 1}", 404);
    }
}
