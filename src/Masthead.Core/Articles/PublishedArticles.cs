using System.Linq.Expressions;

namespace Masthead.Core.Articles;

public static class PublishedArticles
{
    /// <summary>What readers may see: published, with the date of its URL and its publication time set.</summary>
    public static readonly Expression<Func<Article, bool>> IsPublished =
        a => a.Status == ArticleStatus.Published && a.UrlDate != null && a.PublishedAt != null;

    /// <summary>Newest first; of two published at the same moment, the later written.</summary>
    public static IOrderedQueryable<Article> NewestFirst(this IQueryable<Article> articles) =>
        articles.OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id);
}
