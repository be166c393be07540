using System.Collections.Concurrent;
using System.Globalization;
using System.Linq.Expressions;
using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Articles;

/// <summary>
/// The front page's lists as one compiled statement: the newest articles, the ones editors chose (by id, a
/// parameter), then each section's newest, in a UNION ALL. Its shape depends on the sections and how many each
/// shows, so one is compiled per shape and kept; EF Core then skips translating a query of a dozen parts on every
/// request.
/// </summary>
internal static class FrontPageQuery
{
    private static readonly ConcurrentDictionary<string, Func<MastheadDb, int[], IAsyncEnumerable<FlatSummaryRow>>> Compiled = new();

    private static readonly Expression<Func<MastheadDb, IQueryable<Article>>> Published = db =>
        db.Articles.AsNoTracking().Where(PublishedArticles.IsPublished);

    private static readonly Expression<Func<IQueryable<Article>, int, IQueryable<Article>>> InSection = (articles, sectionId) =>
        articles.Where(a => a.SectionId == sectionId);

    private static readonly Expression<Func<IQueryable<Article>, int[], IQueryable<FlatSummaryRow>>> Chosen = (articles, ids) =>
        articles.Where(a => ids.Contains(a.Id)).Select(ArticleRows.Flat);

    public static IAsyncEnumerable<FlatSummaryRow> Run(MastheadDb db, int newestCount, int[] chosenIds, IReadOnlyList<(int SectionId, int Take)> sections)
    {
        var ordered = sections.OrderBy(s => s.SectionId).ToList();
        var key = string.Create(CultureInfo.InvariantCulture,
            $"{newestCount}/{chosenIds.Length > 0}/{string.Join(',', ordered.Select(s => $"{s.SectionId}:{s.Take}"))}");
        return Compiled.GetOrAdd(key, _ => Compile(newestCount, chosenIds.Length > 0, ordered))(db, chosenIds);
    }

    private static Func<MastheadDb, int[], IAsyncEnumerable<FlatSummaryRow>> Compile(int newestCount, bool withChosen, IReadOnlyList<(int SectionId, int Take)> sections)
    {
        var db = Expression.Parameter(typeof(MastheadDb), "db");
        var ids = Expression.Parameter(typeof(int[]), "ids");
        var published = Published.Inline(db);
        var union = Part(published, newestCount);
        if (withChosen)
        {
            union = Concat(union, Chosen.Inline(published, ids));
        }

        foreach (var (sectionId, take) in sections)
        {
            union = Concat(union, Part(InSection.Inline(published, Expression.Constant(sectionId)), take));
        }

        return EF.CompileAsyncQuery(Expression.Lambda<Func<MastheadDb, int[], IQueryable<FlatSummaryRow>>>(union, db, ids));
    }

    private static Expression Concat(Expression union, Expression part) =>
        Expression.Call(typeof(Queryable), nameof(Queryable.Concat), [typeof(FlatSummaryRow)], union, part);

    /// <summary>Newest first, <paramref name="take"/> of them (a constant: see <see cref="QueryPaging"/>), as flat rows.</summary>
    private static Expression Part(Expression articles, int take)
    {
        Expression<Func<IQueryable<Article>, int, IQueryable<FlatSummaryRow>>> part = (query, count) =>
            query.OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id).Take(count).Select(ArticleRows.Flat);
        return part.Inline(articles, Expression.Constant(take));
    }
}
