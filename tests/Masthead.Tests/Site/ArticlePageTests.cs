using System.Text.Json;
using AngleSharp.Dom;
using Masthead.Testing;

namespace Masthead.Tests.Site;

/// <summary>The demo's two-author lead story, as readers, crawlers and social cards see it.</summary>
public sealed class ArticlePageTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private const string Slug = "council-budget-night";
    private MastheadServer Server => site.Server;

    private async Task<(string Path, IDocument Document)> OpenAsync()
    {
        var front = await Server.GetDocumentAsync("/");
        var path = front.QuerySelectorAll("a").Select(a => a.GetAttribute("href")!).First(href => href.EndsWith("/" + Slug, StringComparison.Ordinal));
        return (path, await Server.GetDocumentAsync(path));
    }

    [Fact]
    public async Task Title_is_exactly_headline_then_publication()
    {
        var (_, document) = await OpenAsync();

        var headline = document.QuerySelector("h1.article-headline")!.TextContent;
        Assert.Equal($"{headline} - The Larkmoor Lantern", document.Title);
    }

    [Fact]
    public async Task Byline_shows_each_author_with_photo_name_and_job_title_in_order()
    {
        var (_, document) = await OpenAsync();

        var authors = document.QuerySelectorAll(".byline-author").Select(author => (
            Name: author.QuerySelector(".byline-name")!.TextContent.Trim(),
            Title: author.QuerySelector(".byline-title")!.TextContent.Trim(),
            Photo: author.QuerySelector("img.byline-photo")?.GetAttribute("src"),
            Link: author.QuerySelector("a")!.GetAttribute("href"))).ToList();
        Assert.Equal([("Anaya Kessler", "Politics Editor"), ("Tobias Wren", "Senior Reporter")], authors.Select(a => (a.Name, a.Title)));
        Assert.All(authors, a => Assert.Matches("^/media/[a-z2-7]{12}/[0-9a-f]{10}/[a-z-]+\\.svg$", a.Photo));
        Assert.Equal(["/author/anaya-kessler", "/author/tobias-wren"], authors.Select(a => a.Link));
        Assert.Equal(2, document.QuerySelectorAll(".author-box").Length);
    }

    [Fact]
    public async Task Dateline_is_a_time_element_in_the_publication_time_zone()
    {
        var (path, document) = await OpenAsync();

        var time = document.QuerySelector(".dateline time.published")!;
        var published = DateTimeOffset.Parse(time.GetAttribute("datetime")!);
        var chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
        Assert.Equal(chicago.GetUtcOffset(published.UtcDateTime), published.Offset);
        Assert.StartsWith(published.ToString("MMMM d, yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-US")), time.TextContent);
        Assert.StartsWith(published.ToString("/yyyy/MM/dd/"), path);
    }

    [Fact]
    public async Task Lead_image_has_alt_text_caption_and_credit_and_tags_link_to_tag_pages()
    {
        var (_, document) = await OpenAsync();

        var figure = document.QuerySelector("figure.lead-image")!;
        Assert.False(string.IsNullOrWhiteSpace(figure.QuerySelector("img")!.GetAttribute("alt")));
        Assert.False(string.IsNullOrWhiteSpace(figure.QuerySelector(".caption")!.TextContent));
        Assert.StartsWith("Illustration:", figure.QuerySelector(".credit")!.TextContent.Trim());
        Assert.NotEmpty(document.QuerySelectorAll(".article-body p"));
        Assert.Equal(["/tag/budget", "/tag/city-council", "/tag/transportation"], document.QuerySelectorAll(".tags a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task Head_has_canonical_description_open_graph_and_twitter_tags()
    {
        var (path, document) = await OpenAsync();
        string? Meta(string selector) => document.QuerySelector(selector)?.GetAttribute("content");

        var canonical = new Uri(Server.BaseAddress, path).ToString();
        Assert.Equal(canonical, document.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        var standfirst = document.QuerySelector(".article-standfirst")!.TextContent;
        Assert.Equal(standfirst, Meta("meta[name=description]"));
        Assert.Equal("article", Meta("meta[property='og:type']"));
        Assert.Equal(canonical, Meta("meta[property='og:url']"));
        Assert.Equal(document.QuerySelector("h1")!.TextContent, Meta("meta[property='og:title']"));
        Assert.StartsWith(Server.BaseAddress.ToString(), Meta("meta[property='og:image']"));
        Assert.Equal("summary_large_image", Meta("meta[name='twitter:card']"));
        Assert.NotNull(Meta("meta[property='article:published_time']"));
    }

    [Fact]
    public async Task Json_ld_is_a_complete_news_article()
    {
        var (path, document) = await OpenAsync();

        var script = document.QuerySelectorAll("script[type='application/ld+json']").Single();
        using var json = JsonDocument.Parse(script.TextContent);
        var article = json.RootElement;
        var canonical = new Uri(Server.BaseAddress, path).ToString();
        Assert.Equal("https://schema.org", article.GetProperty("@context").GetString());
        Assert.Equal("LiveBlogPosting", article.GetProperty("@type").GetString()); // the demo's lead story is a developing story
        Assert.Equal(document.QuerySelector("h1")!.TextContent, article.GetProperty("headline").GetString());
        Assert.Equal(document.QuerySelector(".article-standfirst")!.TextContent, article.GetProperty("description").GetString());
        Assert.StartsWith(Server.BaseAddress.ToString(), article.GetProperty("image")[0].GetString());
        var published = DateTimeOffset.Parse(article.GetProperty("datePublished").GetString()!);
        Assert.Equal(DateTimeOffset.Parse(document.QuerySelector("time.published")!.GetAttribute("datetime")!), published);
        Assert.True(DateTimeOffset.Parse(article.GetProperty("dateModified").GetString()!) >= published);
        Assert.Equal(canonical, article.GetProperty("mainEntityOfPage").GetProperty("@id").GetString());

        var authors = article.GetProperty("author").EnumerateArray().ToList();
        Assert.Equal(["Anaya Kessler", "Tobias Wren"], authors.Select(a => a.GetProperty("name").GetString()));
        Assert.All(authors, a => Assert.Equal("Person", a.GetProperty("@type").GetString()));
        Assert.Equal(new Uri(Server.BaseAddress, "/author/anaya-kessler").ToString(), authors[0].GetProperty("url").GetString());
        Assert.Equal("Politics Editor", authors[0].GetProperty("jobTitle").GetString());

        var publisher = article.GetProperty("publisher");
        Assert.Equal("Organization", publisher.GetProperty("@type").GetString());
        Assert.Equal("The Larkmoor Lantern", publisher.GetProperty("name").GetString());
        Assert.Matches($"^{Server.BaseAddress.ToString().TrimEnd('/')}/media/[a-z2-7]{{12}}/logo\\.svg$", publisher.GetProperty("logo").GetProperty("url").GetString());
    }

    [Fact]
    public async Task A_developing_story_lists_its_updates_in_its_live_blog_posting()
    {
        var (path, document) = await OpenAsync();

        using var json = JsonDocument.Parse(document.QuerySelector("script[type='application/ld+json']")!.TextContent);
        var live = json.RootElement;
        var updates = live.GetProperty("liveBlogUpdate").EnumerateArray().ToList();
        var canonical = new Uri(Server.BaseAddress, path).ToString();

        Assert.True(DateTimeOffset.Parse(live.GetProperty("coverageStartTime").GetString()!) <= DateTimeOffset.Now);
        Assert.False(live.TryGetProperty("coverageEndTime", out _));
        Assert.NotEmpty(updates);
        Assert.Equal(document.QuerySelectorAll(".live-updates .live-update").Length, updates.Count);
        Assert.All(updates, update =>
        {
            Assert.Equal("BlogPosting", update.GetProperty("@type").GetString());
            Assert.Matches($"^{System.Text.RegularExpressions.Regex.Escape(canonical)}#update-\\d+$", update.GetProperty("url").GetString());
            Assert.False(string.IsNullOrWhiteSpace(update.GetProperty("headline").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(update.GetProperty("articleBody").GetString()));
            Assert.Equal("Person", update.GetProperty("author").GetProperty("@type").GetString());
            Assert.True(DateTimeOffset.Parse(update.GetProperty("dateModified").GetString()!) >= DateTimeOffset.Parse(update.GetProperty("datePublished").GetString()!));
        });
    }

    [Fact]
    public async Task An_ordinary_article_is_a_complete_news_article()
    {
        var path = await PathOfAsync("mill-reopening");

        var document = await Server.GetDocumentAsync(path);
        using var json = JsonDocument.Parse(document.QuerySelector("script[type='application/ld+json']")!.TextContent);
        var article = json.RootElement;

        Assert.Equal("NewsArticle", article.GetProperty("@type").GetString());
        Assert.False(article.TryGetProperty("liveBlogUpdate", out _));
        Assert.Equal(document.QuerySelector("h1")!.TextContent, article.GetProperty("headline").GetString());
        Assert.Equal(document.QuerySelector(".article-standfirst")!.TextContent, article.GetProperty("description").GetString());
        // The lead image's 1200-wide social preview, the same one OpenGraph gives.
        Assert.Equal(document.QuerySelector("meta[property='og:image']")!.GetAttribute("content"), article.GetProperty("image")[0].GetString());
        Assert.StartsWith(Absolute(document.QuerySelector("figure.lead-image img")!.GetAttribute("src")![..20]), article.GetProperty("image")[0].GetString());
        Assert.Equal(DateTimeOffset.Parse(document.QuerySelector("time.published")!.GetAttribute("datetime")!),
            DateTimeOffset.Parse(article.GetProperty("datePublished").GetString()!));
        Assert.True(article.TryGetProperty("dateModified", out _));
        Assert.Equal(Absolute(path), article.GetProperty("mainEntityOfPage").GetProperty("@id").GetString());
        var bylines = document.QuerySelectorAll(".byline-author").Select(a => (
            a.QuerySelector(".byline-name")!.TextContent.Trim(), a.QuerySelector(".byline-title")!.TextContent.Trim()));
        var authors = article.GetProperty("author").EnumerateArray()
            .Select(a => (a.GetProperty("name").GetString()!, a.GetProperty("jobTitle").GetString()!));
        Assert.Equal("Ravi Holmgren", Assert.Single(bylines).Item1);
        Assert.Equal(bylines, authors);
        Assert.All(article.GetProperty("author").EnumerateArray(), a => Assert.StartsWith(Absolute("/author/"), a.GetProperty("url").GetString()));
        Assert.Equal("The Larkmoor Lantern", article.GetProperty("publisher").GetProperty("name").GetString());
        Assert.Matches($"^{Absolute("/media/")}[a-z2-7]{{12}}/logo\\.svg$", article.GetProperty("publisher").GetProperty("logo").GetProperty("url").GetString());
    }

    [Fact]
    public async Task An_article_without_a_lead_image_offers_the_publication_logo_to_search_engines_and_social_cards()
    {
        var document = await Server.GetDocumentAsync(await PathOfAsync("credit-union-merger"));
        using var json = JsonDocument.Parse(document.QuerySelector("script[type='application/ld+json']")!.TextContent);

        Assert.Null(document.QuerySelector("figure.lead-image"));
        // The logo's social preview, a raster that every network shows.
        Assert.Matches($"^{Absolute("/media/")}[a-z2-7]{{12}}/[0-9a-f]{{10}}/social-50-50\\.jpg$", json.RootElement.GetProperty("image")[0].GetString());
        Assert.Equal(json.RootElement.GetProperty("image")[0].GetString(), document.QuerySelector("meta[property='og:image']")?.GetAttribute("content"));
        Assert.Equal("summary", document.QuerySelector("meta[name='twitter:card']")?.GetAttribute("content"));
    }

    private string Absolute(string path) => new Uri(Server.BaseAddress, path).ToString();

    private async Task<string> PathOfAsync(string slug)
    {
        var sitemap = await Server.Client.GetStringAsync("/sitemaps/articles-1.xml");
        var match = System.Text.RegularExpressions.Regex.Match(sitemap, $@"<loc>[^<]*?(/\d{{4}}/\d{{2}}/\d{{2}}/{slug})</loc>");
        Assert.True(match.Success, $"{slug} is not in the article sitemap");
        return match.Groups[1].Value;
    }

    [Theory]
    [InlineData("mill-reopening")]
    [InlineData("mayor-housing-plan")] // the demo's longest article with two authors
    [InlineData("credit-union-merger")]
    public async Task Article_html_and_css_together_weigh_under_30_kilobytes_with_no_third_party_requests(string slug)
    {
        // Ordinary articles: a developing story grows with its updates, as an article grows with its text.
        var path = await PathOfAsync(slug);
        var document = await Server.GetDocumentAsync(path);

        var html = await Server.Client.GetByteArrayAsync(path);
        var stylesheets = document.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")!).ToList();
        Assert.NotEmpty(stylesheets);
        long css = 0;
        foreach (var href in stylesheets)
        {
            css += (await Server.Client.GetByteArrayAsync(href)).Length;
        }

        Assert.True(html.Length + css < 30 * 1024, $"HTML {html.Length} B + CSS {css} B");
        // Reading needs no script: the site banner's, which keeps the banner current, is our own, deferred and pinned by hash.
        Assert.All(document.QuerySelectorAll("script[src]"), script =>
        {
            Assert.StartsWith("/js/", script.GetAttribute("src"), StringComparison.Ordinal);
            Assert.True(script.HasAttribute("defer") && script.HasAttribute("integrity"), script.OuterHtml);
        });
        var resources = document.QuerySelectorAll("[src], link[href]").Select(e => e.GetAttribute("src") ?? e.GetAttribute("href")!).ToList();
        Assert.NotEmpty(resources);
        Assert.All(resources, url => Assert.True(
            url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) || new Uri(url).Host == Server.BaseAddress.Host,
            $"{url} is on another host"));
    }

    [Fact]
    public async Task A_non_canonical_date_or_digit_form_redirects_permanently_to_the_canonical_url()
    {
        var (path, _) = await OpenAsync();
        var date = DateOnly.ParseExact(path[1..11], "yyyy/MM/dd");

        using var wrongDate = await Server.Client.GetAsync($"/{date.AddDays(-1):yyyy/MM/dd}/{Slug}");
        using var paddedDigits = await Server.Client.GetAsync($"/0{date.Year}/0{date.Month:D2}/{date.Day:D2}/{Slug}");

        Assert.Equal(301, (int)wrongDate.StatusCode);
        Assert.Equal(path, wrongDate.Headers.Location!.OriginalString);
        Assert.Equal(301, (int)paddedDigits.StatusCode);
        Assert.Equal(path, paddedDigits.Headers.Location!.OriginalString);
    }
}
