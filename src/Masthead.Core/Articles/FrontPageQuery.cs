using System.Collections.Concurrent;
using System.Linq.Expressions;
using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Articles;

/// <summary>
/// The front page's lists as one compiled statement: the newest articles, then each section's newest, in a UNION ALL.
/// Its shape depends on the sections, so one is compiled per list of sections and kept; EF Core then skips
/// translating a query of a dozen parts on every request.
/// </summary>
internal static class FrontPageQuery
{
    private static readonly ConcurrentDictionary<string, Func<MastheadDb, IAsyncEnumerable<FlatSummaryRow>>> Compiled = new();

    private static readonly Expression<Func<MastheadDb, IQueryable<Article>>> Published = db =>
        db.Articles.AsNoTracking().Where(PublishedArticles.IsPublished);

    private static readonly Expression<Func<IQueryable<Article>, int, IQueryable<Article>>> InSection = (articles, sectionId) =>
        articles.Where(a => a.SectionId == sectionId);

    public static IAsyncEnumerable<FlatSummaryRow> Run(MastheadDb db, int newestCount, IReadOnlyList<int> sectionIds, int sectionTake) =>
        Compiled.GetOrAdd($"{newestCount}/{sectionTake}/{string.Join(',', sectionIds)}", _ => Compile(newestCount, sectionIds, sectionTake))(db);

    private static Func<MastheadDb, IAsyncEnumerable<FlatSummaryRow>> Compile(int newestCount, IReadOnlyList<int> sectionIds, int sectionTake)
    {
        var db = Expression.Parameter(typeof(MastheadDb), "db");
        var published = Published.Inline(db);
        var union = Part(published, newestCount);
        foreach (var sectionId in sectionIds)
        {
            var inSection = InSection.Inline(published, Expression.Constant(sectionId));
            union = Expression.Call(typeof(Queryable), nameof(Queryable.Concat), [typeof(FlatSummaryRow)], union, Part(inSection, sectionTake));
        }

        return EF.CompileAsyncQuery(Expression.Lambda<Func<MastheadDb, IQueryable<FlatSummaryRow>>>(union, db));
    }

    /// <summary>Newest first, <paramref name="take"/> of them (a constant: see <see cref="QueryPaging"/>), as flat rows.</summary>
    private static Expression Part(Expression articles, int take)
    {
        Expression<Func<IQueryable<Article>, int, IQueryable<FlatSummaryRow>>> part = (query, count) =>
            query.OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id).Take(count).Select(ArticleRows.Flat);
        return part.Inline(articles, Expression.Constant(take));
    }
}
