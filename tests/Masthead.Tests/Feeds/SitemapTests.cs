using System.Globalization;
using System.Xml.Linq;
using Masthead.Caching;
using Masthead.Core.Articles;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Masthead.Testing;
using Masthead.Tests.Newsroom;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Masthead.Tests.Feeds;

/// <summary>/sitemap.xml and its children, /news-sitemap.xml and /robots.txt, read as a crawler reads them.</summary>
public sealed class SitemapTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private static readonly XNamespace Sm = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static readonly XNamespace News = "http://www.google.com/schemas/sitemap-news/0.9";

    private MastheadServer Server => site.Server;

    private string Base => Server.BaseAddress.ToString().TrimEnd('/');

    [Fact]
    public async Task The_index_lists_every_child_sitemap_by_absolute_url()
    {
        var index = await GetXmlAsync(Server, "/sitemap.xml");

        Assert.Equal(Sm + "sitemapindex", index.Root!.Name);
        var locs = index.Root.Elements(Sm + "sitemap").Select(s => s.Element(Sm + "loc")!.Value).ToList();
        Assert.Equal(
            [$"{Base}/sitemaps/articles-1.xml", $"{Base}/sitemaps/sections.xml", $"{Base}/sitemaps/tags.xml", $"{Base}/sitemaps/authors.xml", $"{Base}/sitemaps/pages.xml"],
            locs);
        foreach (var loc in locs)
        {
            var child = await GetXmlAsync(Server, new Uri(loc).PathAndQuery);
            Assert.Equal(Sm + "urlset", child.Root!.Name);
            Assert.NotEmpty(child.Root.Elements(Sm + "url"));
        }
    }

    [Fact]
    public async Task The_article_sitemap_lists_every_published_article_with_its_last_change()
    {
        var published = await PublishedAsync(Server);

        var urls = Urls(await GetXmlAsync(Server, "/sitemaps/articles-1.xml"));

        Assert.Equal(published.Select(a => Base + a.Path).Order(), urls.Keys.Order());
        foreach (var article in published)
        {
            var lastmod = urls[Base + article.Path];
            Assert.NotNull(lastmod);
            Assert.Equal(article.LastChange, lastmod.Value.UtcDateTime, TimeSpan.FromSeconds(1));
        }

        // The listed address is the one the article page calls canonical.
        var first = published[0];
        var page = await Server.GetDocumentAsync(first.Path);
        Assert.Equal(Base + first.Path, page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Sections_tags_authors_and_pages_are_listed_with_dates()
    {
        var sections = Urls(await GetXmlAsync(Server, "/sitemaps/sections.xml"));
        var tags = Urls(await GetXmlAsync(Server, "/sitemaps/tags.xml"));
        var authors = Urls(await GetXmlAsync(Server, "/sitemaps/authors.xml"));
        var pages = Urls(await GetXmlAsync(Server, "/sitemaps/pages.xml"));

        Assert.Contains($"{Base}/section/politics", sections.Keys);
        Assert.Contains($"{Base}/tag/budget", tags.Keys);
        Assert.Contains($"{Base}/author/tobias-wren", authors.Keys);
        Assert.All(sections.Keys, url => Assert.StartsWith($"{Base}/section/", url));
        Assert.All(tags.Keys, url => Assert.StartsWith($"{Base}/tag/", url));
        Assert.All(authors.Keys, url => Assert.StartsWith($"{Base}/author/", url));
        Assert.All(tags.Values, lastmod => Assert.NotNull(lastmod));
        Assert.NotNull(sections[$"{Base}/section/politics"]);
        foreach (var path in new[] { "/", "/staff", "/contact", "/corrections", "/about-us", "/ethics-policy", "/corrections-policy" })
        {
            Assert.Contains(Base + path, pages.Keys);
        }

        Assert.NotNull(pages[$"{Base}/about-us"]);
        Assert.NotNull(pages[$"{Base}/"]);

        // Every listed page exists.
        foreach (var url in sections.Keys.Concat(tags.Keys).Concat(authors.Keys).Concat(pages.Keys))
        {
            using var response = await Server.Client.GetAsync(new Uri(url).PathAndQuery);
            Assert.True(response.IsSuccessStatusCode, $"{url} answered {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task An_unpublished_article_leaves_the_sitemaps()
    {
        await using var server = await MastheadServer.StartAsync(demo: true);
        var gone = (await PublishedAsync(server))[0];
        await server.InScopeAsync(services => services.GetRequiredService<PublishingService>().UnpublishAsync(Actor.System, gone.Id));
        var draftId = await server.InScopeAsync(services => services.GetRequiredService<ArticleService>()
            .CreateAsync(Actor.System, new ArticleInput { Headline = "Never published", Slug = "never-published" }));

        var articles = await server.Client.GetStringAsync("/sitemaps/articles-1.xml");
        var news = await server.Client.GetStringAsync("/news-sitemap.xml");

        Assert.DoesNotContain(gone.Path, articles, StringComparison.Ordinal);
        Assert.DoesNotContain(gone.Path, news, StringComparison.Ordinal);
        Assert.DoesNotContain("never-published", articles, StringComparison.Ordinal);
        Assert.DoesNotContain("never-published", news, StringComparison.Ordinal);
        var draft = await server.StoredAsync(draftId);
        Assert.Equal((ArticleStatus.Draft, "never-published"), (draft.Status, draft.Slug)); // it exists, and was left out
    }

    [Fact]
    public async Task The_news_sitemap_has_only_articles_first_published_in_the_last_48_hours()
    {
        var cutoff = DateTime.UtcNow.AddHours(-48);
        var published = await PublishedAsync(Server);
        var recent = published.Where(a => a.PublishedAt >= cutoff.AddMinutes(5)).ToList();
        var old = published.Where(a => a.PublishedAt < cutoff.AddMinutes(-5)).ToList();
        Assert.NotEmpty(recent);
        Assert.NotEmpty(old);

        var xml = await GetXmlAsync(Server, "/news-sitemap.xml");

        var entries = xml.Root!.Elements(Sm + "url").ToDictionary(u => u.Element(Sm + "loc")!.Value);
        Assert.Subset(published.Except(old).Select(a => Base + a.Path).ToHashSet(), entries.Keys.ToHashSet());
        foreach (var article in recent)
        {
            var news = entries[Base + article.Path].Element(News + "news")!;
            Assert.Equal("The Larkmoor Lantern", news.Element(News + "publication")!.Element(News + "name")!.Value);
            Assert.Matches("^[a-z]{2,3}$", news.Element(News + "publication")!.Element(News + "language")!.Value);
            Assert.Equal(article.Headline, news.Element(News + "title")!.Value);
            var date = DateTimeOffset.Parse(news.Element(News + "publication_date")!.Value, CultureInfo.InvariantCulture);
            Assert.Equal(article.PublishedAt, date.UtcDateTime, TimeSpan.FromSeconds(1));
        }

        Assert.All(old, article => Assert.DoesNotContain(Base + article.Path, entries.Keys));
    }

    [Fact]
    public async Task The_news_window_follows_the_clock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero));
        await using var server = await MastheadServer.StartAsync(demo: true, services: s => s.AddSingleton<TimeProvider>(clock));
        var published = await PublishedAsync(server);
        var serverBase = server.BaseAddress.ToString().TrimEnd('/');

        async Task<List<string>> ListedAsync() =>
            (await GetXmlAsync(server, "/news-sitemap.xml")).Root!.Elements(Sm + "url").Select(u => u.Element(Sm + "loc")!.Value).Order().ToList();
        List<string> Expected() =>
            published.Where(a => a.PublishedAt >= clock.GetUtcNow().UtcDateTime.AddHours(-48)).Select(a => serverBase + a.Path).Order().ToList();

        var now = await ListedAsync();
        Assert.Equal(Expected(), now);
        Assert.NotEmpty(now);
        Assert.True(now.Count < published.Count);

        clock.Advance(TimeSpan.FromHours(30));
        await server.Services.GetRequiredService<IOutputCacheStore>().EvictByTagAsync(CacheTags.Front, TestContext.Current.CancellationToken);
        var later = await ListedAsync();

        Assert.Equal(Expected(), later);
        Assert.True(later.Count < now.Count);
    }

    [Fact]
    public async Task Articles_are_split_across_files_at_the_limit()
    {
        await using var server = await MastheadServer.StartAsync(demo: true, extraArgs: "--Masthead:Sitemaps:UrlsPerFile=3");
        var published = await PublishedAsync(server);
        var serverBase = server.BaseAddress.ToString().TrimEnd('/');

        var index = await GetXmlAsync(server, "/sitemap.xml");
        var articleFiles = index.Root!.Elements(Sm + "sitemap").Select(s => new Uri(s.Element(Sm + "loc")!.Value).AbsolutePath)
            .Where(p => p.StartsWith("/sitemaps/articles-", StringComparison.Ordinal)).ToList();

        Assert.Equal((published.Count + 2) / 3, articleFiles.Count);
        var listed = new List<string>();
        foreach (var file in articleFiles)
        {
            var urls = Urls(await GetXmlAsync(server, file));
            Assert.InRange(urls.Count, 1, 3);
            listed.AddRange(urls.Keys);
        }

        Assert.Equal(published.Select(a => serverBase + a.Path).Order(), listed.Order());
        using var beyond = await server.Client.GetAsync($"/sitemaps/articles-{articleFiles.Count + 1}.xml");
        Assert.Equal(404, (int)beyond.StatusCode);
    }

    [Theory]
    [InlineData("/sitemaps/articles-1.xml")]
    [InlineData("/sitemaps/sections.xml")]
    [InlineData("/sitemaps/tags.xml")]
    [InlineData("/sitemaps/authors.xml")]
    [InlineData("/sitemaps/pages.xml")]
    [InlineData("/sitemap.xml")]
    [InlineData("/news-sitemap.xml")]
    public async Task The_index_each_child_and_the_news_sitemap_validate_against_their_schemas(string path)
    {
        var xml = await GetXmlAsync(Server, path);

        Assert.Empty(SitemapSchema.Validate(xml));
    }

    [Fact]
    public async Task Robots_txt_allows_the_site_and_names_both_sitemaps()
    {
        using var response = await Server.Client.GetAsync("/robots.txt");
        var robots = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        var lines = robots.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("User-agent: *", lines[0]);
        Assert.Contains("Allow: /", lines);
        Assert.Contains("Disallow: /newsroom/", lines);
        Assert.Contains("Disallow: /ghost/api/admin/", lines);
        Assert.Contains("Disallow: /api/", lines);
        Assert.Contains("Disallow: /*/live$", lines);
        Assert.DoesNotContain("Disallow: /ghost/api/content/", lines);
        Assert.Contains($"Sitemap: {Base}/sitemap.xml", lines);
        Assert.Contains($"Sitemap: {Base}/news-sitemap.xml", lines);
        Assert.DoesNotContain("Disallow: /", lines);
    }

    [Fact]
    public async Task Sitemaps_are_xml_and_cached_like_pages()
    {
        using var response = await Server.Client.GetAsync("/sitemap.xml");

        Assert.Equal("application/xml", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("public", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
    }

    private sealed record Published(int Id, string Path, string Headline, DateTime PublishedAt, DateTime LastChange);

    private static Task<List<Published>> PublishedAsync(MastheadServer server) => server.InScopeAsync(async services =>
    {
        var db = services.GetRequiredService<MastheadDb>();
        var articles = await db.Articles.AsNoTracking().Where(a => a.Status == ArticleStatus.Published)
            .Select(a => new { a.Id, a.UrlDate, a.Slug, a.Headline, a.PublishedAt, a.UpdatedAt }).ToListAsync();
        var notes = await db.ArticleNotes.AsNoTracking().Select(n => new { n.ArticleId, n.PublishedAt }).ToListAsync();
        return articles.ConvertAll(a =>
        {
            DateTime[] changes = [a.PublishedAt!.Value, a.UpdatedAt ?? DateTime.MinValue, .. notes.Where(n => n.ArticleId == a.Id).Select(n => n.PublishedAt)];
            return new Published(a.Id, ArticleUrls.PathFor(a.UrlDate!.Value, a.Slug), a.Headline, a.PublishedAt.Value, changes.Max());
        });
    });

    private static async Task<XDocument> GetXmlAsync(MastheadServer server, string path)
    {
        using var response = await server.Client.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}");
        await using var stream = await response.Content.ReadAsStreamAsync();
        return await XDocument.LoadAsync(stream, LoadOptions.None, TestContext.Current.CancellationToken);
    }

    /// <summary>Each loc with its lastmod, which must parse as a W3C datetime when present.</summary>
    private static Dictionary<string, DateTimeOffset?> Urls(XDocument urlset) =>
        urlset.Root!.Elements(Sm + "url").ToDictionary(
            u => u.Element(Sm + "loc")!.Value,
            u => u.Element(Sm + "lastmod") is { } lastmod
                ? DateTimeOffset.Parse(lastmod.Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
                : (DateTimeOffset?)null);
}
