using System.Globalization;
using System.Text;
using System.Xml;
using Masthead.Caching;
using Masthead.Core.Publication;
using Masthead.Core.Sitemaps;
using Masthead.Core.Storage;
using Microsoft.AspNetCore.OutputCaching;

namespace Masthead.Feeds;

/// <summary>
/// GET /sitemap.xml (a sitemaps.org index), its child sitemaps under /sitemaps/, /news-sitemap.xml (Google News)
/// and /robots.txt. Cached like pages and evicted with the front page, which goes on every article change.
/// </summary>
public static class SitemapEndpoints
{
    /// <summary>The sitemaps.org limit of URLs in one file; configurable (Masthead:Sitemaps:UrlsPerFile) so tests can see the split.</summary>
    public const int MaxUrlsPerFile = 50_000;

    /// <summary>Google News sitemaps list at most 1,000 articles, first published in the last 48 hours.</summary>
    public const int MaxNewsArticles = 1_000;

    public static readonly TimeSpan NewsWindow = TimeSpan.FromHours(48);

    private const string SitemapNs = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private const string NewsNs = "http://www.google.com/schemas/sitemap-news/0.9";

    public static IEndpointRouteBuilder MapSitemaps(this IEndpointRouteBuilder app)
    {
        Cached(app.MapGet("/sitemap.xml", IndexAsync));
        Cached(app.MapGet("/sitemaps/articles-{page:int:min(1)}.xml", ArticlesAsync));
        Cached(app.MapGet("/sitemaps/sections.xml", (HttpContext context, MastheadDb db, PublicationService publication) =>
            EntriesAsync(context, publication, db.SectionsAsync(context.RequestAborted))));
        Cached(app.MapGet("/sitemaps/tags.xml", (HttpContext context, MastheadDb db, PublicationService publication) =>
            EntriesAsync(context, publication, db.TagsAsync(context.RequestAborted))));
        Cached(app.MapGet("/sitemaps/authors.xml", (HttpContext context, MastheadDb db, PublicationService publication) =>
            EntriesAsync(context, publication, db.AuthorsAsync(context.RequestAborted))));
        Cached(app.MapGet("/sitemaps/pages.xml", (HttpContext context, MastheadDb db, PublicationService publication) =>
            EntriesAsync(context, publication, db.PagesAsync(context.RequestAborted))));
        Cached(app.MapGet("/news-sitemap.xml", NewsAsync));
        Cached(app.MapGet("/robots.txt", RobotsAsync));
        return app;
    }

    private static void Cached(RouteHandlerBuilder endpoint) =>
        endpoint.CacheOutput(PublicPageCachePolicy.Name).WithMetadata(new PublicPageMetadata()).ExcludeFromDescription();

    private static async Task IndexAsync(HttpContext context, MastheadDb db, PublicationService publication, IConfiguration configuration)
    {
        var baseUrl = await BaseUrlAsync(context, publication);
        var contents = await db.ContentsAsync(context.RequestAborted);
        var files = (int)Math.Ceiling(contents.Articles / (double)UrlsPerFile(configuration));
        var children = Enumerable.Range(1, files).Select(n => $"/sitemaps/articles-{n}.xml").ToList();
        if (contents.Sections)
        {
            children.Add("/sitemaps/sections.xml");
        }

        if (contents.Tags)
        {
            children.Add("/sitemaps/tags.xml");
        }

        if (contents.Authors)
        {
            children.Add("/sitemaps/authors.xml");
        }

        children.Add("/sitemaps/pages.xml"); // always has the front page
        await WriteXmlAsync(context, async xml =>
        {
            await xml.WriteStartElementAsync(null, "sitemapindex", SitemapNs);
            foreach (var child in children)
            {
                await xml.WriteStartElementAsync(null, "sitemap", SitemapNs);
                await xml.WriteElementStringAsync(null, "loc", SitemapNs, baseUrl + child);
                await xml.WriteEndElementAsync();
            }

            await xml.WriteEndElementAsync();
        });
    }

    private static async Task ArticlesAsync(HttpContext context, int page, MastheadDb db, PublicationService publication, IConfiguration configuration)
    {
        var articles = await db.PublishedArticlesAsync(page, UrlsPerFile(configuration), context.RequestAborted);
        if (articles.Count == 0 && page > 1)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var baseUrl = await BaseUrlAsync(context, publication);
        await WriteUrlSetAsync(context, baseUrl, articles.Select(a => new SitemapEntry(a.Path, a.LastModified)));
    }

    private static async Task EntriesAsync(HttpContext context, PublicationService publication, Task<IReadOnlyList<SitemapEntry>> entries)
    {
        var baseUrl = await BaseUrlAsync(context, publication);
        await WriteUrlSetAsync(context, baseUrl, await entries);
    }

    private static Task WriteUrlSetAsync(HttpContext context, string baseUrl, IEnumerable<SitemapEntry> entries) =>
        WriteXmlAsync(context, async xml =>
        {
            await xml.WriteStartElementAsync(null, "urlset", SitemapNs);
            foreach (var entry in entries)
            {
                await xml.WriteStartElementAsync(null, "url", SitemapNs);
                await xml.WriteElementStringAsync(null, "loc", SitemapNs, baseUrl + entry.Path);
                if (entry.LastModified is { } lastModified)
                {
                    await xml.WriteElementStringAsync(null, "lastmod", SitemapNs, W3CDateTime(lastModified));
                }

                await xml.WriteEndElementAsync();
            }

            await xml.WriteEndElementAsync();
        });

    private static async Task NewsAsync(HttpContext context, MastheadDb db, PublicationService publication, TimeProvider time)
    {
        var info = await publication.GetAsync(context.RequestAborted);
        var baseUrl = BaseUrl(context, info);
        var since = time.GetUtcNow().UtcDateTime - NewsWindow;
        var articles = await db.PublishedSinceAsync(since, MaxNewsArticles, context.RequestAborted);
        var language = NewsLanguage(info.Language);
        await WriteXmlAsync(context, async xml =>
        {
            await xml.WriteStartElementAsync(null, "urlset", SitemapNs);
            await xml.WriteAttributeStringAsync("xmlns", "news", null, NewsNs);
            foreach (var article in articles)
            {
                await xml.WriteStartElementAsync(null, "url", SitemapNs);
                await xml.WriteElementStringAsync(null, "loc", SitemapNs, baseUrl + article.Path);
                await xml.WriteStartElementAsync("news", "news", NewsNs);
                await xml.WriteStartElementAsync("news", "publication", NewsNs);
                await xml.WriteElementStringAsync("news", "name", NewsNs, info.Name);
                await xml.WriteElementStringAsync("news", "language", NewsNs, language);
                await xml.WriteEndElementAsync();
                await xml.WriteElementStringAsync("news", "publication_date", NewsNs, W3CDateTime(article.PublishedAt));
                await xml.WriteElementStringAsync("news", "title", NewsNs, article.Headline);
                await xml.WriteEndElementAsync();
                await xml.WriteEndElementAsync();
            }

            await xml.WriteEndElementAsync();
        });

        // The 48-hour window moves with the clock, so the cached copy lives minutes rather than the pages' hour.
        if (context.Features.Get<IOutputCacheFeature>() is { } cache)
        {
            cache.Context.ResponseExpirationTimeSpan = TimeSpan.FromMinutes(5);
        }
    }

    private static async Task RobotsAsync(HttpContext context, PublicationService publication)
    {
        var baseUrl = await BaseUrlAsync(context, publication);
        var robots = new StringBuilder()
            .Append("User-agent: *\n")
            .Append("Allow: /\n")
            .Append("Disallow: /newsroom$\n")
            .Append("Disallow: /newsroom/\n")
            // Where writes would go: Ghost's Admin API path, which Masthead keeps free, and the site's own APIs.
            .Append("Disallow: /ghost/api/admin/\n")
            .Append("Disallow: /api/\n")
            // Search results are endless near-duplicates; live streams are open-ended event streams, not pages.
            .Append("Disallow: /search\n")
            .Append("Disallow: /*/live$\n")
            .Append('\n')
            .Append(CultureInfo.InvariantCulture, $"Sitemap: {baseUrl}/sitemap.xml\n")
            .Append(CultureInfo.InvariantCulture, $"Sitemap: {baseUrl}/news-sitemap.xml\n")
            .ToString();
        context.TagResponse([CacheTags.Site]);
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(robots, context.RequestAborted);
    }

    private static async Task WriteXmlAsync(HttpContext context, Func<XmlWriter, Task> write)
    {
        context.TagResponse([CacheTags.Site, CacheTags.Front, CacheTags.Corrections]);
        context.Response.ContentType = "application/xml; charset=utf-8";
        var settings = new XmlWriterSettings { Async = true, Indent = false, Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false) };
        await using var xml = XmlWriter.Create(context.Response.Body, settings);
        await xml.WriteStartDocumentAsync();
        await write(xml);
        await xml.WriteEndDocumentAsync();
        await xml.FlushAsync();
    }

    private static async Task<string> BaseUrlAsync(HttpContext context, PublicationService publication) =>
        BaseUrl(context, await publication.GetAsync(context.RequestAborted));

    private static string BaseUrl(HttpContext context, PublicationInfo info) => Hosting.PublicAddress.BaseUrl(context.Request, info);

    private static int UrlsPerFile(IConfiguration configuration) =>
        Math.Clamp(configuration.GetValue("Masthead:Sitemaps:UrlsPerFile", MaxUrlsPerFile), 1, MaxUrlsPerFile);

    /// <summary>W3C datetime, in UTC to the second.</summary>
    public static string W3CDateTime(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Google News wants an ISO 639 code ("en"), except zh-cn and zh-tw for Chinese.</summary>
    public static string NewsLanguage(string language)
    {
        var lower = (string.IsNullOrWhiteSpace(language) ? "en" : language.Trim()).ToLowerInvariant().Replace('_', '-');
        if (lower.StartsWith("zh", StringComparison.Ordinal))
        {
            return lower is "zh-tw" or "zh-hant" or "zh-hk" or "zh-hant-tw" ? "zh-tw" : "zh-cn";
        }

        return lower.Split('-')[0];
    }
}
