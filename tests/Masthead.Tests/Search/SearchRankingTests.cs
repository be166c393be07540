using Masthead.Core.People;
using Masthead.Core.Publishing;
using Masthead.Core.Tags;
using Masthead.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Masthead.Tests.Search.SearchSteps;

namespace Masthead.Tests.Search;

/// <summary>What a search finds and in which order: ranking, recency, snippets, accents, phrases, tags, bylines, paging.</summary>
public sealed class SearchRankingTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private MastheadServer Server => site.Server;

    [Fact]
    public async Task A_headline_match_ranks_above_a_body_only_match_and_newest_first_sorts_by_date()
    {
        var inHeadline = await PublishAsync(Server, "Quillfeather mill reopens its doors", "The old building hums again.", publishedAt: DateTime.UtcNow.AddDays(-3));
        var inBody = await PublishAsync(Server, "Council weighs river permits",
            "Members heard about the quillfeather plan. The quillfeather site, critics said, needs work; quillfeather jobs matter.",
            publishedAt: DateTime.UtcNow.AddHours(-1));

        Assert.Equal([inHeadline, inBody], await IdsAsync(Server, "quillfeather"));
        Assert.Equal([inBody, inHeadline], await IdsAsync(Server, "quillfeather", sort: "newest"));
        var newest = await SearchAsync(Server, "quillfeather", sort: "newest");
        Assert.Equal("newest", newest.GetProperty("sort").GetString());
    }

    [Fact]
    public async Task Snippets_mark_the_match_and_escape_html_in_the_text()
    {
        var id = await PublishAsync(Server, "Tenants meet the landlord",
            "Someone pasted <script>alert('x')</script> & <b>bold</b> into the flyer about the zephyrine rent rise.");

        var result = (await SearchAsync(Server, "zephyrine")).GetProperty("results").EnumerateArray().Single();
        var snippet = result.GetProperty("snippet").GetString()!;
        Assert.Equal(id, result.GetProperty("id").GetInt32());
        Assert.Contains("<mark>zephyrine</mark>", snippet, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", snippet, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", snippet, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", snippet, StringComparison.Ordinal);

        var page = await Server.GetDocumentAsync(PagePath("zephyrine"));
        var shown = page.QuerySelector(".search-result .search-snippet")!;
        Assert.Empty(shown.QuerySelectorAll("script, b"));
        Assert.Equal(["zephyrine"], shown.QuerySelectorAll("mark").Select(m => m.TextContent));
        Assert.Contains("<script>alert('x')</script> & <b>bold</b>", shown.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Case_and_accents_are_ignored()
    {
        var id = await PublishAsync(Server, "Café Zoë opens on Rue Émile", "Pastries from dawn at the crème brûlée counter.");

        foreach (var query in new[] { "cafe zoe", "CAFÉ ZOË", "Café émile", "creme brulee", "\"CRÈME BRÛLÉE\"" })
        {
            Assert.True((await IdsAsync(Server, query)).Contains(id), $"\"{query}\" did not find the article.");
        }
    }

    [Fact]
    public async Task A_quoted_phrase_needs_its_words_together_and_in_order_loose_words_do_not()
    {
        var together = await PublishAsync(Server, "Night service returns", "Riders cheered as the vermilion tramway ran past midnight.");
        var apart = await PublishAsync(Server, "Paint shop busy", "A vermilion coat went on the depot doors; the tramway itself stays grey.");
        var reversed = await PublishAsync(Server, "Museum piece", "The old tramway vermilion livery is on show.");

        Assert.Equal([together], await IdsAsync(Server, "\"vermilion tramway\""));
        Assert.Equal([together, apart, reversed], (await IdsAsync(Server, "vermilion tramway")).Order());
        Assert.Equal([together, apart, reversed], (await IdsAsync(Server, "vermil* tramway")).Order());
    }

    [Fact]
    public async Task Tag_names_and_author_names_are_searched()
    {
        var (tagId, staffId) = await Server.InScopeAsync(async services => (
            await services.GetRequiredService<TagService>().CreateAsync(Actor.System, "Glimmerstone Quarry"),
            await services.GetRequiredService<StaffService>().CreateAsync(new StaffInput("Odalys Thistlewood", "Reporter"))));
        var tagged = await PublishAsync(Server, "Blasting schedule changes", "Residents get more notice.", tagIds: [tagId]);
        var bylined = await PublishAsync(Server, "School lunch prices", "The board voted on Tuesday.", authorIds: [staffId]);

        Assert.Equal([tagged], await IdsAsync(Server, "glimmerstone"));
        Assert.Equal([tagged], await IdsAsync(Server, "\"glimmerstone quarry\""));
        Assert.Equal([bylined], await IdsAsync(Server, "thistlewood"));
        Assert.Equal([bylined], await IdsAsync(Server, "Odalys Thistlewood"));
    }

    [Fact]
    public async Task Results_page_through_with_the_total_and_links_to_the_next_and_previous_pages()
    {
        var ids = new List<int>();
        for (var i = 0; i < 13; i++)
        {
            ids.Add(await PublishAsync(Server, $"Ledger {i}: marigoldine accounts", "Figures follow.", publishedAt: DateTime.UtcNow.AddMinutes(-60 + i)));
        }

        var first = await SearchAsync(Server, "marigoldine", sort: "newest", limit: 5);
        Assert.Equal((13, 3, 1), (first.GetProperty("total").GetInt32(), first.GetProperty("pages").GetInt32(), first.GetProperty("page").GetInt32()));
        var pages = new List<int>();
        for (var page = 1; page <= 3; page++)
        {
            pages.AddRange(await IdsAsync(Server, "marigoldine", sort: "newest", page: page, limit: 5));
        }

        Assert.Equal(Enumerable.Reverse(ids), pages);
        Assert.Empty(await IdsAsync(Server, "marigoldine", page: 4, limit: 5));

        var html = await Server.GetDocumentAsync(PagePath("marigoldine"));
        Assert.Equal(10, html.QuerySelectorAll(".search-result").Length);
        Assert.Contains("13 articles match", html.QuerySelector(".search-count")!.TextContent, StringComparison.Ordinal);
        var next = html.QuerySelector(".pager a[rel=next]")!.GetAttribute("href")!;
        Assert.Equal("/search?q=marigoldine&page=2", next);
        var second = await Server.GetDocumentAsync(next);
        Assert.Equal(3, second.QuerySelectorAll(".search-result").Length);
        Assert.Equal("11", second.QuerySelector("ol.search-results")!.GetAttribute("start"));
        Assert.Equal("/search?q=marigoldine", second.QuerySelector(".pager a[rel=prev]")!.GetAttribute("href"));
        Assert.Empty(second.QuerySelectorAll(".pager a[rel=next]"));
        Assert.Equal("/search?q=marigoldine&sort=newest&page=2",
            (await Server.GetDocumentAsync(PagePath("marigoldine", sort: "newest"))).QuerySelector(".pager a[rel=next]")!.GetAttribute("href"));
        await Server.GetDocumentAsync(PagePath("marigoldine", page: 3), expectedStatus: 404);
    }
}
