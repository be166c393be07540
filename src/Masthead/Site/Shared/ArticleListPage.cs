using Masthead.Caching;
using Masthead.Core.Articles;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Site.Shared;

/// <summary>A paged list of published articles: section, tag and author pages.</summary>
[PagedList]
public abstract class ArticleListPage(ArticleQueries articles) : SitePage
{
    public Page<ArticleSummary> Results { get; private set; } = null!;
    public string ListPath { get; private set; } = "/";

    /// <summary>The heading level of each headline in the list, under the page's own headings.</summary>
    public virtual int StoryHeadingLevel => 2;

    /// <returns>Null when the list is ready to render; otherwise the 404 to answer with.</returns>
    protected async Task<IActionResult?> LoadAsync(ArticleFilter filter, string path, string title, CancellationToken cancellationToken)
    {
        if (RequestedPage() is not { } page)
        {
            return PageNotFound();
        }

        Results = await articles.ListAsync(filter, page, ListPageSize, cancellationToken);
        if (page > Results.TotalPages)
        {
            return PageNotFound();
        }

        ListPath = path;
        Meta.Feeds.Add(($"{title} - {Publication.Name} (RSS)", $"{path}/feed.xml", "application/rss+xml"));
        Meta.Feeds.Add(($"{title} - {Publication.Name} (Atom)", $"{path}/feed.atom", "application/atom+xml"));
        Meta.Feeds.Add(($"{title} - {Publication.Name} (JSON Feed)", $"{path}/feed.json", "application/feed+json"));
        Meta.Title = TitleFor(page > 1 ? $"{title} (page {page})" : title);
        DescribePaging(path, page, Results.TotalPages);
        return null;
    }
}
