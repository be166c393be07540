using System.ServiceModel.Syndication;
using System.Xml;
using Masthead.Caching;
using Masthead.Core.Articles;
using Masthead.Core.Live;
using Masthead.Core.Publication;

namespace Masthead.Live;

/// <summary>GET {article URL}/live.atom: a developing story's updates as an Atom feed, newest first.</summary>
public static class LiveFeedEndpoint
{
    public static IEndpointRouteBuilder MapLiveFeed(this IEndpointRouteBuilder app)
    {
        app.MapGet("/{year:int}/{month:int}/{day:int}/{slug}/live.atom", WriteAsync)
            .CacheOutput(PublicPageCachePolicy.Name)
            .WithMetadata(new PublicPageMetadata())
            .ExcludeFromDescription();
        return app;
    }

    private static async Task WriteAsync(HttpContext context, int year, int month, int day, string slug, LiveQueries live, ArticleQueries articles, PublicationService publication)
    {
        var cancellationToken = context.RequestAborted;
        var story = await live.FindStoryAsync(slug, cancellationToken);
        if (story is null || !story.IsAt(year, month, day))
        {
            if (await MovedStory.NewAddressAsync(context.Request, articles, year, month, day, slug, "/live.atom") is { } moved)
            {
                context.Response.Redirect(moved, permanent: true);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var info = await publication.GetAsync(cancellationToken);
        var coverage = (await live.CoverageAsync(story.Id, cancellationToken))!;
        var headline = await live.HeadlineAsync(story.Id, cancellationToken);
        var baseUrl = Hosting.PublicAddress.BaseUrl(context.Request, info);
        var storyUrl = new Uri(baseUrl + story.Path);
        var feed = new SyndicationFeed($"{headline}: live updates", $"Live coverage from {info.Name}", storyUrl, storyUrl.ToString(),
            coverage.Updates.Count > 0 ? Offset(coverage.Updates.Max(u => u.EditedAt ?? u.PostedAt)) : Offset(coverage.StartedAt ?? DateTime.UtcNow))
        {
            Language = info.Language,
            Items = coverage.Updates.Select(update => Entry(update, storyUrl, baseUrl)).ToList(),
        };
        feed.Links.Add(new SyndicationLink(new Uri(baseUrl + story.Path + "/live.atom"), "self", null, "application/atom+xml", 0));

        context.TagResponse([CacheTags.Article(story.Id)]);
        context.Response.ContentType = "application/atom+xml; charset=utf-8";
        await using var buffer = new MemoryStream();
        await using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Async = true, Indent = false }))
        {
            feed.GetAtom10Formatter().WriteTo(writer);
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(context.Response.Body, cancellationToken);
    }

    private static SyndicationItem Entry(LiveUpdateView update, Uri storyUrl, string baseUrl)
    {
        var link = new Uri(storyUrl, $"#update-{update.Id}");
        var item = new SyndicationItem(update.Headline(80), new TextSyndicationContent(update.BodyHtml, TextSyndicationContentKind.Html), link, link.ToString(),
            Offset(update.EditedAt ?? update.PostedAt))
        {
            PublishDate = Offset(update.PostedAt),
        };
        item.Authors.Add(new SyndicationPerson { Name = update.AuthorName, Uri = update.AuthorSlug is null ? null : $"{baseUrl}/author/{update.AuthorSlug}" });
        return item;
    }

    private static DateTimeOffset Offset(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
}
