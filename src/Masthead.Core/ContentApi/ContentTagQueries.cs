using Masthead.Core.Articles;
using Masthead.Core.ContentApi.Nql;
using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.ContentApi;

/// <summary>
/// Tags: every section (sections are public in the site's navigation) and every tag on a published article. A
/// publication has tens of them, so they are read whole and filtered, ordered and paged in memory.
/// </summary>
public sealed class ContentTagQueries(MastheadDb db, TimeProvider time)
{
    public static readonly NqlFields<ContentTag> Filters = new NqlFields<ContentTag>("tags")
        .Text("id", t => t.Id)
        .Text("slug", t => t.Slug)
        .Text("name", t => t.Name)
        .Constant("visibility", "public");

    /// <summary>By name unless asked otherwise, as Ghost orders them; position is sections first, in navigation order, then tags by name.</summary>
    private static readonly ContentOrdering<Listed> Ordering = new ContentOrdering<Listed>("tags", [new("name", false)], t => t.Tag.Slug)
        .By("position", t => t.Position)
        .By("name", t => t.Tag.Name)
        .By("slug", t => t.Tag.Slug)
        .By("id", t => t.Tag.Id)
        .By("count.posts", t => t.Tag.PostCount ?? 0);

    public async Task<ContentList<ContentTag>> BrowseAsync(ContentRequest request, CancellationToken cancellationToken = default)
    {
        var counts = request.Includes(ContentIncludes.PostCounts) || request.Order?.Any(o => o.Field == "count.posts") == true;
        IEnumerable<Listed> all = await AllAsync(counts, cancellationToken);
        if (request.Filter is { } filter)
        {
            var matches = NqlCompiler.Compile(filter, Filters, time.GetUtcNow().UtcDateTime).Compile();
            all = all.Where(t => matches(t.Tag));
        }

        var filtered = all.ToList();
        var skip = request.Skip;
        var page = Ordering.Apply(filtered.AsQueryable(), request, new ContentOrder("position", false))
            .Skip(skip).Take(request.Limit)
            .AsEnumerable()
            .Select(t => request.Includes(ContentIncludes.PostCounts) ? t.Tag : t.Tag with { PostCount = null })
            .ToList();
        return new ContentList<ContentTag>(page, request.Page, request.Limit, filtered.Count);
    }

    public async Task<ContentTag?> ReadAsync(string? id, string? slug, ContentRequest request, CancellationToken cancellationToken = default)
    {
        var all = await AllAsync(request.Includes(ContentIncludes.PostCounts), cancellationToken);
        return all.Select(t => t.Tag).FirstOrDefault(t => (id is null || t.Id == id) && (slug is null || t.Slug == slug));
    }

    private async Task<List<Listed>> AllAsync(bool counts, CancellationToken cancellationToken)
    {
        var published = db.Articles.Where(PublishedArticles.IsPublished);
        var sections = await db.Sections.AsNoTracking().OrderBy(s => s.Position).ThenBy(s => s.Name)
            .Select(s => new
            {
                s.Id,
                s.Slug,
                s.Name,
                s.Description,
                Posts = counts ? published.Count(a => a.SectionId == s.Id || a.Tags.Any(t => t.Tag!.Slug == s.Slug)) : (int?)null,
            })
            .ToListAsync(cancellationToken);
        var tags = await db.Tags.AsNoTracking()
            .Where(t => db.ArticleTags.Any(at => at.TagId == t.Id && published.Any(a => a.Id == at.ArticleId)) && !db.Sections.Any(s => s.Slug == t.Slug))
            .OrderBy(t => t.Name)
            .Select(t => new
            {
                t.Id,
                t.Slug,
                t.Name,
                t.Description,
                Posts = counts ? db.ArticleTags.Count(at => at.TagId == t.Id && published.Any(a => a.Id == at.ArticleId)) : (int?)null,
            })
            .ToListAsync(cancellationToken);

        var listed = sections.Select(s => new ContentTag(ContentTag.SectionId(s.Id), s.Slug, s.Name, s.Description, true, s.Posts)).ToList();
        listed.AddRange(tags.Select(t => new ContentTag(ContentTag.TagId(t.Id), t.Slug, t.Name, t.Description, false, t.Posts)));
        return listed.Select((tag, position) => new Listed(tag, position)).ToList();
    }

    private sealed record Listed(ContentTag Tag, int Position);
}
