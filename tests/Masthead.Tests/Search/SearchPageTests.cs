using System.Globalization;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Masthead.Testing;
using static Masthead.Tests.Search.SearchSteps;

namespace Masthead.Tests.Search;

/// <summary>The masthead's search box, the /search page and the JSON endpoint, as a browser and an app read them.</summary>
public sealed class SearchPageTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private MastheadServer Server => site.Server;

    private string BaseUrl => Server.BaseAddress.ToString().TrimEnd('/');

    [Theory]
    [InlineData("/", 200)]
    [InlineData("/section/politics", 200)]
    [InlineData("/tag/budget", 200)]
    [InlineData("/author/tobias-wren", 200)]
    [InlineData("/staff", 200)]
    [InlineData("/contact", 200)]
    [InlineData("/about-us", 200)]
    [InlineData("/corrections", 200)]
    [InlineData("/search", 200)]
    [InlineData("/no-such-page", 404)]
    public async Task Every_reader_page_has_a_labelled_search_box_in_its_masthead(string path, int status)
    {
        var page = await Server.GetDocumentAsync(path, status);

        AssertMastheadSearch(page);
    }

    [Fact]
    public async Task An_article_page_has_the_search_box_too()
    {
        var front = await Server.GetDocumentAsync("/");
        var article = await Server.GetDocumentAsync(front.QuerySelector(".story-headline a")!.GetAttribute("href")!);

        AssertMastheadSearch(article);
    }

    [Fact]
    public async Task The_results_page_lists_each_match_with_headline_link_dateline_section_authors_and_snippet()
    {
        var page = await Server.GetDocumentAsync(PagePath("council budget"));

        Assert.Equal("Search: council budget - The Larkmoor Lantern", page.Title);
        Assert.Equal("noindex", page.QuerySelector("meta[name=robots]")?.GetAttribute("content"));
        Assert.Null(page.QuerySelector("link[rel=canonical]"));
        Assert.Equal("Search", page.QuerySelector("main h1")!.TextContent.Trim());
        Assert.Equal("council budget", page.QuerySelector("main form[role=search] input[name=q]")!.GetAttribute("value"));
        Assert.Equal("relevance", ((IHtmlSelectElement)page.QuerySelector("main select[name=sort]")!).Value);
        var total = (await SearchAsync(Server, "council budget")).GetProperty("total").GetInt32();
        Assert.Contains($"{total} articles match “council budget”", page.QuerySelector(".search-count")!.TextContent, StringComparison.Ordinal);

        var results = page.QuerySelectorAll("ol.search-results > li.search-result");
        Assert.Equal(Math.Min(total, 10), results.Length);
        var first = results[0];
        var link = first.QuerySelector("h2.story-headline a")!;
        Assert.StartsWith("Council digs into", link.TextContent, StringComparison.Ordinal);
        await Server.GetDocumentAsync(link.GetAttribute("href")!);
        Assert.Equal("Politics", first.QuerySelector(".story-kicker a[href='/section/politics']")!.TextContent);
        Assert.Equal("By Anaya Kessler and Tobias Wren", first.QuerySelector(".story-authors")!.TextContent);
        DateTimeOffset.Parse(first.QuerySelector("time[datetime]")!.GetAttribute("datetime")!, CultureInfo.InvariantCulture);
        Assert.All(results, r => Assert.NotEmpty(r.QuerySelectorAll(".search-snippet mark")));
        Assert.Contains(first.QuerySelectorAll(".search-snippet mark"), m => m.TextContent.Equals("budget", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task The_search_page_without_a_query_is_just_the_form_and_sorting_is_kept_in_the_form()
    {
        var empty = await Server.GetDocumentAsync("/search");
        Assert.Empty(empty.QuerySelectorAll(".search-result, [role=alert]"));
        Assert.Equal("noindex", empty.QuerySelector("meta[name=robots]")?.GetAttribute("content"));

        var newest = await Server.GetDocumentAsync(PagePath("council", sort: "newest"));
        Assert.Equal("newest", ((IHtmlSelectElement)newest.QuerySelector("main select[name=sort]")!).Value);
        var form = (IHtmlFormElement)newest.QuerySelector("main form[role=search]")!;
        Assert.Equal(("get", "/search"), (form.Method, form.GetAttribute("action")));
        Assert.NotNull(newest.QuerySelector("label[for=search-query]"));
        Assert.NotNull(newest.QuerySelector("label[for=search-sort]"));
    }

    [Fact]
    public async Task Nothing_found_says_so()
    {
        var page = await Server.GetDocumentAsync(PagePath("xylophonic quagmirewort"));

        Assert.Contains("0 articles match", page.QuerySelector(".search-count")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Nothing matches", page.QuerySelector("main .empty")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_answers_camel_case_json_with_absolute_urls()
    {
        using var response = await Server.Client.GetAsync(ApiPath("council budget", limit: 3));
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(["page", "pages", "query", "results", "sort", "total"], json.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(("council budget", "relevance", 1), (json.GetProperty("query").GetString(), json.GetProperty("sort").GetString(), json.GetProperty("page").GetInt32()));
        var total = json.GetProperty("total").GetInt32();
        Assert.Equal((total + 2) / 3, json.GetProperty("pages").GetInt32());
        var result = json.GetProperty("results")[0];
        Assert.Equal(["authors", "headline", "id", "publishedAt", "section", "snippet", "standfirst", "url", "uuid"], result.EnumerateObject().Select(p => p.Name).Order());
        Assert.StartsWith("Council digs into", result.GetProperty("headline").GetString(), StringComparison.Ordinal);
        Assert.Matches($@"^{BaseUrl}/\d{{4}}/\d{{2}}/\d{{2}}/council-budget-night$", result.GetProperty("url").GetString());
        Assert.StartsWith("More than 200 residents", result.GetProperty("standfirst").GetString(), StringComparison.Ordinal);
        Assert.Contains("<mark>", result.GetProperty("snippet").GetString(), StringComparison.Ordinal);
        Assert.NotEqual(Guid.Empty, result.GetProperty("uuid").GetGuid());
        Assert.Equal(TimeSpan.Zero, result.GetProperty("publishedAt").GetDateTimeOffset().Offset);
        Assert.Equal(("Politics", BaseUrl + "/section/politics"),
            (result.GetProperty("section").GetProperty("name").GetString(), result.GetProperty("section").GetProperty("url").GetString()));
        Assert.Equal([("Anaya Kessler", BaseUrl + "/author/anaya-kessler"), ("Tobias Wren", BaseUrl + "/author/tobias-wren")],
            result.GetProperty("authors").EnumerateArray().Select(a => (a.GetProperty("name").GetString(), a.GetProperty("url").GetString())));
    }

    [Theory]
    [InlineData("/api/search?q=council")]
    [InlineData("/search?q=council")]
    [InlineData("/search?q=")]
    public async Task Search_answers_are_never_stored_by_caches(string path)
    {
        using var response = await Server.Client.GetAsync(path);

        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Null(response.Headers.ETag);
    }

    [Fact]
    public async Task Different_queries_on_the_same_page_number_get_their_own_results()
    {
        var council = await Server.GetDocumentAsync(PagePath("council"));
        var festival = await Server.GetDocumentAsync(PagePath("festival"));

        Assert.NotEqual(Headlines(council), Headlines(festival));
        Assert.Equal(Headlines(council), Headlines(await Server.GetDocumentAsync(PagePath("council"))));
    }

    private static List<string> Headlines(IDocument page) => page.QuerySelectorAll(".search-result h2").Select(h => h.TextContent).ToList();

    private static void AssertMastheadSearch(IDocument page)
    {
        var form = (IHtmlFormElement)page.QuerySelector("header.masthead form[role=search]")!;
        Assert.Equal(("get", "/search"), (form.Method, form.GetAttribute("action")));
        var input = (IHtmlInputElement)form.QuerySelector("input[name=q]")!;
        Assert.Equal("search", input.Type);
        var label = page.QuerySelector($"label[for='{input.Id}']")!;
        Assert.Equal("Search articles", label.TextContent);
        Assert.NotNull(form.QuerySelector("button[type=submit]"));
    }
}
