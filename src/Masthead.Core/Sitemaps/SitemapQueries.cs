using Masthead.Core.Articles;
using Masthead.Core.People;
using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Sitemaps;

/// <summary>A published article as a sitemap lists it: its canonical path and when it last changed for readers.</summary>
public sealed record SitemapArticle(int Id, string Path, string Headline, DateTime PublishedAt, DateTime LastModified);

/// <summary>A page at <see cref="Path"/> and, when known, when it last changed.</summary>
public sealed record SitemapEntry(string Path, DateTime? LastModified);

/// <summary>How many published articles there are, and whether there are sections, used tags and active staff to list.</summary>
public sealed record SitemapContents(int Articles, bool Sections, bool Tags, bool Authors);

/// <summary>
/// Read-only projections for /sitemap.xml and /news-sitemap.xml; only published articles ever appear, and of those only
/// the ones search engines are asked to list at their own address (not hidden from them, no canonical address elsewhere).
/// </summary>
public static class SitemapQueries
{
    private sealed record Row(int Id, DateOnly UrlDate, string Slug, string Headline, DateTime PublishedAt, DateTime? UpdatedAt, DateTime? NewestNote);

    /// <summary>What the index lists: a child sitemap with no URLs would not validate, so empty ones are left out.</summary>
    public static async Task<SitemapContents> ContentsAsync(this MastheadDb db, CancellationToken cancellationToken = default) => new(
        await Listed(db).CountAsync(cancellationToken),
        await db.Sections.AnyAsync(cancellationToken),
        await db.ArticleTags.AnyAsync(t => Published(db).Any(a => a.Id == t.ArticleId), cancellationToken),
        await db.ListedStaff().AnyAsync(cancellationToken));

    public static Task<int> CountPublishedArticlesAsync(this MastheadDb db, CancellationToken cancellationToken = default) =>
        Listed(db).CountAsync(cancellationToken);

    /// <summary>Page <paramref name="page"/> (from 1) of the published articles, oldest first, <paramref name="pageSize"/> a page.</summary>
    public static async Task<IReadOnlyList<SitemapArticle>> PublishedArticlesAsync(this MastheadDb db, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        var skip = (page - 1) * pageSize;
        var rows = await Rows(db, Listed(db).OrderBy(a => a.Id).Skip(skip).Take(pageSize)).ToListAsync(cancellationToken);
        return rows.ConvertAll(ToArticle);
    }

    /// <summary>Articles first published at or after <paramref name="since"/>, newest first, at most <paramref name="limit"/>.</summary>
    public static async Task<IReadOnlyList<SitemapArticle>> PublishedSinceAsync(this MastheadDb db, DateTime since, int limit, CancellationToken cancellationToken = default)
    {
        var rows = await Rows(db, Listed(db).Where(a => a.PublishedAt >= since).OrderByDescending(a => a.PublishedAt).Take(limit)).ToListAsync(cancellationToken);
        return rows.ConvertAll(ToArticle);
    }

    public static async Task<IReadOnlyList<SitemapEntry>> SectionsAsync(this MastheadDb db, CancellationToken cancellationToken = default)
    {
        var sections = await db.Sections.AsNoTracking().OrderBy(s => s.Position).ThenBy(s => s.Id).Select(s => new { s.Id, s.Slug }).ToListAsync(cancellationToken);
        var changes = await LastChanges(db, Published(db).Where(a => a.SectionId != null).Select(a => new Keyed { Key = a.SectionId!.Value, ArticleId = a.Id }), cancellationToken);
        return sections.ConvertAll(s => new SitemapEntry($"/section/{s.Slug}", changes.GetValueOrDefault(s.Id)));
    }

    public static async Task<IReadOnlyList<SitemapEntry>> TagsAsync(this MastheadDb db, CancellationToken cancellationToken = default)
    {
        var changes = await LastChanges(db, db.ArticleTags.AsNoTracking().Where(t => Published(db).Any(a => a.Id == t.ArticleId))
            .Select(t => new Keyed { Key = t.TagId, ArticleId = t.ArticleId }), cancellationToken);
        var tags = await db.Tags.AsNoTracking().OrderBy(t => t.Slug).Select(t => new { t.Id, t.Slug }).ToListAsync(cancellationToken);

        // A tag page with no published article is empty; it is left out rather than listed as thin content.
        return tags.Where(t => changes.ContainsKey(t.Id)).Select(t => new SitemapEntry($"/tag/{t.Slug}", changes[t.Id])).ToList();
    }

    public static async Task<IReadOnlyList<SitemapEntry>> AuthorsAsync(this MastheadDb db, CancellationToken cancellationToken = default)
    {
        var changes = await LastChanges(db, db.ArticleAuthors.AsNoTracking().Where(b => Published(db).Any(a => a.Id == b.ArticleId))
            .Select(b => new Keyed { Key = b.StaffMemberId, ArticleId = b.ArticleId }), cancellationToken);
        var people = await db.ListedStaff().AsNoTracking().OrderBy(p => p.Position).ThenBy(p => p.Id).Select(p => new { p.Id, p.Slug }).ToListAsync(cancellationToken);
        return people.ConvertAll(p => new SitemapEntry($"/author/{p.Slug}", changes.GetValueOrDefault(p.Id)));
    }

    /// <summary>The front page, the standing pages and the static pages.</summary>
    public static async Task<IReadOnlyList<SitemapEntry>> PagesAsync(this MastheadDb db, CancellationToken cancellationToken = default)
    {
        var newestArticle = await LastChanges(db, Published(db).Select(a => new Keyed { Key = 0, ArticleId = a.Id }), cancellationToken);
        var newestNote = await db.ArticleNotes.AsNoTracking().Where(n => Published(db).Any(a => a.Id == n.ArticleId))
            .OrderByDescending(n => n.PublishedAt).Select(n => (DateTime?)n.PublishedAt).FirstOrDefaultAsync(cancellationToken);
        var pages = await db.StaticPages.AsNoTracking().OrderBy(p => p.Position).ThenBy(p => p.Id).Select(p => new { p.Slug, p.UpdatedAt }).ToListAsync(cancellationToken);
        return
        [
            new SitemapEntry("/", newestArticle.GetValueOrDefault(0)),
            new SitemapEntry("/staff", null),
            new SitemapEntry("/contact", null),
            new SitemapEntry("/corrections", newestNote),
            .. pages.Select(p => new SitemapEntry($"/{p.Slug}", p.UpdatedAt)),
        ];
    }

    private static IQueryable<Article> Published(MastheadDb db) =>
        db.Articles.AsNoTracking().Where(PublishedArticles.IsPublished);

    private static IQueryable<Article> Listed(MastheadDb db) =>
        Published(db).Where(a => !a.SearchAndSocial.HideFromSearchEngines && a.SearchAndSocial.CanonicalUrl == null);

    private static IQueryable<Row> Rows(MastheadDb db, IQueryable<Article> articles) =>
        articles.Select(a => new Row(
            a.Id, a.UrlDate!.Value, a.Slug, a.Headline, a.PublishedAt!.Value, a.UpdatedAt,
            db.ArticleNotes.Where(n => n.ArticleId == a.Id).OrderByDescending(n => n.PublishedAt).Select(n => (DateTime?)n.PublishedAt).FirstOrDefault()));

    private sealed class Keyed
    {
        public int Key { get; init; }
        public int ArticleId { get; init; }
    }

    /// <summary>For each key, the latest change to any published article under it, aggregated by the database.</summary>
    private static async Task<Dictionary<int, DateTime?>> LastChanges(MastheadDb db, IQueryable<Keyed> keyed, CancellationToken cancellationToken)
    {
        var articles = await keyed.Join(Published(db), k => k.ArticleId, a => a.Id, (k, a) => new { k.Key, a.PublishedAt, a.UpdatedAt })
            .GroupBy(r => r.Key)
            .Select(g => new { g.Key, Published = g.Max(r => r.PublishedAt), Updated = g.Max(r => r.UpdatedAt) })
            .ToListAsync(cancellationToken);
        var notes = await keyed.Join(db.ArticleNotes, k => k.ArticleId, n => n.ArticleId, (k, n) => new { k.Key, n.PublishedAt })
            .GroupBy(r => r.Key)
            .Select(g => new { g.Key, Newest = g.Max(r => r.PublishedAt) })
            .ToDictionaryAsync(n => n.Key, n => (DateTime?)n.Newest, cancellationToken);
        return articles.ToDictionary(a => a.Key, a => (DateTime?)Latest(a.Published!.Value, a.Updated, notes.GetValueOrDefault(a.Key)));
    }

    private static SitemapArticle ToArticle(Row row) =>
        new(row.Id, ArticleUrls.PathFor(row.UrlDate, row.Slug), row.Headline, row.PublishedAt, Latest(row.PublishedAt, row.UpdatedAt, row.NewestNote));

    private static DateTime Latest(DateTime publishedAt, DateTime? updatedAt, DateTime? newestNote)
    {
        var latest = publishedAt;
        if (updatedAt > latest)
        {
            latest = updatedAt.Value;
        }

        if (newestNote > latest)
        {
            latest = newestNote.Value;
        }

        return latest;
    }
}
