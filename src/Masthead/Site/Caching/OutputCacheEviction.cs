using Masthead.Core.Events;
using Microsoft.AspNetCore.OutputCaching;

namespace Masthead.Site.Caching;

/// <summary>Evicts every cached page that shows what changed, right after the change is committed.</summary>
internal sealed class OutputCacheEviction(IOutputCacheStore store) : IEventHandler<ArticleChanged>, IEventHandler<SiteChanged>, IEventHandler<CorrectionsChanged>
{
    public async Task HandleAsync(ArticleChanged change, CancellationToken cancellationToken)
    {
        IEnumerable<string> tags =
        [
            CacheTags.Article(change.ArticleId),
            CacheTags.Front,
            CacheTags.Corrections, // lists the article's headline and URL, and drops it when unpublished
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

    public async Task HandleAsync(CorrectionsChanged change, CancellationToken cancellationToken) =>
        await store.EvictByTagAsync(CacheTags.Corrections, cancellationToken);
}
