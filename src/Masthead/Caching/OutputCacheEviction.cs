using Masthead.Core.Events;
using Microsoft.AspNetCore.OutputCaching;

namespace Masthead.Caching;

/// <summary>Evicts every cached page that shows what changed, on every node, right after the change is committed.</summary>
internal sealed class OutputCacheEviction(IOutputCacheStore store)
    : IEventHandler<ArticleChanged>, IEventHandler<SiteChanged>, IEventHandler<LiveChanged>, IEventHandler<MediaChanged>,
      IEventHandler<FrontPageChanged>, IEventHandler<BannerChanged>, IEventHandler<ChangesMissed>,
      IEventHandler<ArchiveImported>
{
    public async Task HandleAsync(ArticleChanged change, CancellationToken cancellationToken)
    {
        IEnumerable<string> tags =
        [
            CacheTags.Article(change.ArticleId),
            CacheTags.Front,
            CacheTags.Corrections, // lists the article's headline and URL and its corrections, and drops it when unpublished
            .. change.SectionIds.Select(CacheTags.Section),
            .. change.TagIds.Select(CacheTags.Tag),
            .. change.AuthorIds.Select(CacheTags.Author),
        ];
        foreach (var tag in tags)
        {
            await store.EvictByTagAsync(tag, cancellationToken);
        }
    }

    public async Task HandleAsync(SiteChanged change, CancellationToken cancellationToken) =>
        await store.EvictByTagAsync(CacheTags.Site, cancellationToken);

    /// <summary>The story's page shows the update; lists show a LIVE badge while coverage lasts.</summary>
    public async Task HandleAsync(LiveChanged change, CancellationToken cancellationToken) =>
        await store.EvictByTagAsync(change.CoverageChanged ? CacheTags.Site : CacheTags.Article(change.ArticleId), cancellationToken);

    /// <summary>An image readers see may be on any page (a byline photo, the logo, a story card), and in Content API answers.</summary>
    public async Task HandleAsync(MediaChanged change, CancellationToken cancellationToken)
    {
        if (change.Shown)
        {
            await store.EvictByTagAsync(CacheTags.Site, cancellationToken);
        }
    }

    public async Task HandleAsync(FrontPageChanged change, CancellationToken cancellationToken) =>
        await store.EvictByTagAsync(CacheTags.Front, cancellationToken);

    public async Task HandleAsync(BannerChanged change, CancellationToken cancellationToken) =>
        await store.EvictByTagAsync(CacheTags.Banner, cancellationToken);

    /// <summary>Every cached response carries the site tag.</summary>
    public async Task HandleAsync(ChangesMissed change, CancellationToken cancellationToken) =>
        await store.EvictByTagAsync(CacheTags.Site, cancellationToken);

    public async Task HandleAsync(ArchiveImported change, CancellationToken cancellationToken) =>
        await store.EvictByTagAsync(CacheTags.Site, cancellationToken);
}
