using Masthead.Core.Articles;
using Masthead.Core.Corrections;
using Masthead.Core.Publishing;
using Masthead.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Site;

/// <summary>
/// /corrections: every correction across the site, newest first, each linked to its article. The tests share one
/// server: each looks only for the corrections it adds, which are the newest when it reads them.
/// </summary>
public sealed class CorrectionsPageTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private MastheadServer Server => site.Server;

    [Fact]
    public async Task A_new_correction_is_listed_first_with_its_date_and_a_link_to_the_article()
    {
        await Server.GetDocumentAsync("/corrections"); // now in the output cache
        var article = (await LatestAsync(Server, 1))[0];

        await CorrectAsync(Server, article.Id, ArticleNoteKind.Correction, "An earlier version misspelled the name of the Wenrow River.");
        await CorrectAsync(Server, article.Id, ArticleNoteKind.Clarification, "Clarifications are not corrections.");
        var page = await Server.GetDocumentAsync("/corrections");

        Assert.Equal("Corrections - The Larkmoor Lantern", page.Title);
        var first = page.QuerySelector(".correction")!;
        Assert.Equal("An earlier version misspelled the name of the Wenrow River.", first.QuerySelector(".correction-text")!.TextContent);
        Assert.Equal(article.Path, first.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal(article.Headline, first.QuerySelector("a")!.TextContent);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}-0[56]:00$", first.QuerySelector("time")!.GetAttribute("datetime"));
        Assert.DoesNotContain("Clarifications are not corrections.", page.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task Corrections_are_newest_first_and_paged()
    {
        var articles = await LatestAsync(Server, 11); // one more than a page holds
        foreach (var (article, n) in articles.Select((a, n) => (a, n)))
        {
            await CorrectAsync(Server, article.Id, ArticleNoteKind.Correction, $"Correction number {n}.");
        }

        var first = await Server.GetDocumentAsync("/corrections");
        var second = await Server.GetDocumentAsync(first.QuerySelector(".pager a[rel=next]")!.GetAttribute("href")!);

        var texts = first.QuerySelectorAll(".correction-text").Select(p => p.TextContent).ToList();
        Assert.Equal(10, texts.Count);
        Assert.Equal("Correction number 10.", texts[0]);
        Assert.Equal("Correction number 1.", texts[^1]);
        Assert.Contains("Correction number 0.", second.QuerySelector("main")!.TextContent);
        Assert.Equal("Corrections (page 2) - The Larkmoor Lantern", second.Title);
        await Server.GetDocumentAsync("/corrections?page=99", 404);
    }

    [Fact]
    public async Task A_correction_on_an_unpublished_article_leaves_the_page()
    {
        var article = (await LatestAsync(Server, 1))[0];
        await CorrectAsync(Server, article.Id, ArticleNoteKind.Correction, "This one goes away.");
        Assert.Contains("This one goes away.", (await Server.GetDocumentAsync("/corrections")).QuerySelector("main")!.TextContent);

        await Server.InScopeAsync(services => services.GetRequiredService<PublishingService>().UnpublishAsync(Actor.System, article.Id));

        Assert.DoesNotContain("This one goes away.", (await Server.GetDocumentAsync("/corrections")).QuerySelector("main")!.TextContent);
    }

    private static Task<List<ArticleSummary>> LatestAsync(MastheadServer server, int count) =>
        server.InScopeAsync(services => services.GetRequiredService<ArticleQueries>().LatestAsync(ArticleFilter.All, count));

    private static Task CorrectAsync(MastheadServer server, int articleId, ArticleNoteKind kind, string text) =>
        server.InScopeAsync(services => services.GetRequiredService<ArticleNoteService>().AddAsync(Actor.System, articleId, kind, text));
}
