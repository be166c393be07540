using Masthead.Core.Articles;
using Masthead.Core.Storage;
using Masthead.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Masthead.Tests.Search.SearchSteps;

namespace Masthead.Tests.Search;

/// <summary>A query matching more than 1,000 articles: the total counts them all, the pages reach the first 1,000.</summary>
public sealed class SearchCapTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private const int Matching = 1_150;

    /// <summary>The only article with the word in its headline: not the newest, but among the 1,000 most recent.</summary>
    private const int HeadlineMatch = Matching - 300;

    private MastheadServer Server => site.Server;

    [Fact]
    public async Task A_broad_query_counts_every_match_ranks_the_most_recent_and_pages_through_1000()
    {
        var start = DateTime.UtcNow.AddDays(-Matching);
        var ids = await Server.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<MastheadDb>();
            var articles = Enumerable.Range(0, Matching).Select(i => new Article
            {
                Slug = $"tidewater-{i}",
                Headline = i == HeadlineMatch ? "Tidewater gauge breaks its record" : $"Harbour note {i}",
                BodyText = "The tidewater gauge read high.",
                Status = ArticleStatus.Published,
                PublishedAt = start.AddDays(i),
                UrlDate = DateOnly.FromDateTime(start.AddDays(i)),
                CreatedAt = start,
                LastModifiedAt = start,
            }).ToList();
            db.Articles.AddRange(articles);
            await db.SaveChangesAsync();
            return articles.Select(a => a.Id).ToList();
        });

        var best = await SearchAsync(Server, "tidewater", limit: 50);
        Assert.Equal((1_150, 20), (best.GetProperty("total").GetInt32(), best.GetProperty("pages").GetInt32()));
        Assert.Equal(ids[HeadlineMatch], best.GetProperty("results")[0].GetProperty("id").GetInt32());
        var newestThousand = ids[^1_000..];
        Assert.All(best.GetProperty("results").EnumerateArray(), r => Assert.Contains(r.GetProperty("id").GetInt32(), newestThousand));
        Assert.Empty(await IdsAsync(Server, "tidewater", page: 21, limit: 50));

        // Dense matches: the first page is found by reading the date index; a deep page by listing the matches.
        Assert.Equal(Enumerable.Reverse(ids).Take(5), await IdsAsync(Server, "tidewater", sort: "newest", limit: 5));
        var newest = await SearchAsync(Server, "tidewater", sort: "newest", page: 20, limit: 50);
        Assert.Equal(Matching, newest.GetProperty("total").GetInt32());
        Assert.Equal(Enumerable.Reverse(ids).Skip(950).Take(50), newest.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetInt32()));

        var page = await Server.GetDocumentAsync(PagePath("tidewater"));
        Assert.Contains("1,150 articles match", page.QuerySelector(".search-count")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("add words to narrow the search", page.QuerySelector(".search-count")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Page 1 of 100", page.QuerySelector(".pager")!.TextContent, StringComparison.Ordinal);
        await Server.GetDocumentAsync(PagePath("tidewater", page: 101), expectedStatus: 404);
    }
}
