using System.Text.Json;
using System.Xml;
using Masthead.Caching;
using Masthead.Core.Articles;
using Masthead.Core.People;
using Masthead.Core.Publication;
using Masthead.Core.Sections;
using Masthead.Core.Tags;

namespace Masthead.Feeds.Syndication;

/// <summary>
/// RSS 2.0 (feed.xml), Atom 1.0 (feed.atom) and JSON Feed 1.1 (feed.json) of the newest published articles,
/// for the whole site and for each section, tag and author.
/// </summary>
public static class SyndicationFeedEndpoints
{
    public const int ItemCount = 20;
    public const string RssContentType = "application/rss+xml; charset=utf-8";
    public const string AtomContentType = "application/atom+xml; charset=utf-8";
    public const string JsonFeedContentType = "application/feed+json; charset=utf-8";

    private enum FeedFormat { Rss, Atom, Json }

    private enum FeedScope { Site, Section, Tag, Author }

    private static readonly (string Extension, FeedFormat Format)[] Formats =
        [("xml", FeedFormat.Rss), ("atom", FeedFormat.Atom), ("json", FeedFormat.Json)];

    /// <summary>Maps /feed.xml, /feed.atom, /feed.json and the same under /section/{slug}/, /tag/{slug}/ and /author/{slug}/.</summary>
    public static IEndpointRouteBuilder MapSyndicationFeeds(this IEndpointRouteBuilder app)
    {
        foreach (var (extension, format) in Formats)
        {
            Map(app, $"/feed.{extension}", (context, _) => WriteAsync(context, format, FeedScope.Site, null));
            Map(app, $"/section/{{slug}}/feed.{extension}", (context, slug) => WriteAsync(context, format, FeedScope.Section, slug));
            Map(app, $"/tag/{{slug}}/feed.{extension}", (context, slug) => WriteAsync(context, format, FeedScope.Tag, slug));
            Map(app, $"/author/{{slug}}/feed.{extension}", (context, slug) => WriteAsync(context, format, FeedScope.Author, slug));
        }

        return app;
    }

    private static void Map(IEndpointRouteBuilder app, string pattern, Func<HttpContext, string?, Task> handler) =>
        app.MapGet(pattern, (HttpContext context) => handler(context, context.GetRouteValue("slug") as string))
            .CacheOutput(PublicPageCachePolicy.Name)
            .WithMetadata(new PublicPageMetadata())
            .ExcludeFromDescription();

    private static async Task WriteAsync(HttpContext context, FeedFormat format, FeedScope scope, string? slug)
    {
        var cancellationToken = context.RequestAborted;
        var services = context.RequestServices;
        var info = await services.GetRequiredService<PublicationService>().GetAsync(cancellationToken);
        var source = await ResolveAsync(services, info, scope, slug ?? "", cancellationToken);
        if (source is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var queries = services.GetRequiredService<ArticleQueries>();
        var page = await queries.ListAsync(source.Filter, 1, ItemCount, cancellationToken);
        var content = await queries.ContentAsync(
            page.Items.Select(a => a.Id).ToList(), withBody: info.FeedContent == FeedContent.Full, cancellationToken);
        var baseUrl = Hosting.PublicAddress.BaseUrl(context.Request, info);
        var images = services.GetRequiredService<Site.ReaderImages>();
        var items = new List<FeedItem>();
        foreach (var summary in page.Items.Where(summary => content.ContainsKey(summary.Id)))
        {
            var image = summary.LeadImage is { } lead ? await images.FileAsync(lead.Url, path => Core.Articles.ArticleUrls.Absolute(baseUrl, path)) : default;
            items.Add(new FeedItem(summary, content[summary.Id], image.Url is null ? null : new FeedImage(image.Url, image.Length, image.Type)));
        }

        var selfPath = context.Request.Path.Value ?? "/";
        var feed = new FeedDocument(info, source, items, baseUrl, selfPath);

        context.TagResponse([source.CacheTag, .. items.Select(i => CacheTags.Article(i.Summary.Id))]);
        await using var buffer = new MemoryStream();
        switch (format)
        {
            case FeedFormat.Json:
                context.Response.ContentType = JsonFeedContentType;
                await using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
                {
                    feed.WriteJson(json);
                }

                break;
            default:
                context.Response.ContentType = format == FeedFormat.Rss ? RssContentType : AtomContentType;
                await using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Async = true, Indent = false }))
                {
                    if (format == FeedFormat.Rss)
                    {
                        feed.ToSyndication(rss: true).GetRss20Formatter(serializeExtensionsAsAtom: true).WriteTo(writer);
                    }
                    else
                    {
                        feed.ToSyndication(rss: false).GetAtom10Formatter().WriteTo(writer);
                    }
                }

                break;
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(context.Response.Body, cancellationToken);
    }

    private static async Task<FeedSource?> ResolveAsync(IServiceProvider services, PublicationInfo info, FeedScope scope, string slug, CancellationToken cancellationToken)
    {
        switch (scope)
        {
            case FeedScope.Section:
                var section = await services.GetRequiredService<SectionService>().GetBySlugAsync(slug, cancellationToken);
                return section is null ? null : new FeedSource($"{section.Name} - {info.Name}", Describe(section.Description, info),
                    $"/section/{section.Slug}", new ArticleFilter(SectionId: section.Id), CacheTags.Section(section.Id));
            case FeedScope.Tag:
                var tag = await services.GetRequiredService<TagService>().GetPublishedBySlugAsync(slug, cancellationToken);
                return tag is null ? null : new FeedSource($"{tag.Name} - {info.Name}", Describe(tag.Description, info),
                    $"/tag/{tag.Slug}", new ArticleFilter(TagId: tag.Id), CacheTags.Tag(tag.Id));
            case FeedScope.Author:
                var author = await services.GetRequiredService<StaffService>().GetBySlugAsync(slug, cancellationToken);
                return author is null ? null : new FeedSource($"{author.Name} - {info.Name}", $"Articles by {author.Name} from {info.Name}.",
                    $"/author/{author.Slug}", new ArticleFilter(AuthorId: author.Id), CacheTags.Author(author.Id));
            default:
                return new FeedSource(info.Name, Describe(info.Tagline, info), "/", ArticleFilter.All, CacheTags.Front);
        }
    }

    private static string Describe(string description, PublicationInfo info) =>
        !string.IsNullOrWhiteSpace(description) ? description
        : !string.IsNullOrWhiteSpace(info.Description) ? info.Description
        : info.Name;
}
