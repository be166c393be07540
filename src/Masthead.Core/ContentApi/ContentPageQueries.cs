using System.Linq.Expressions;
using Masthead.Core.ContentApi.Nql;
using Masthead.Core.Pages;
using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.ContentApi;

/// <summary>Static pages (About us, the policies) as the Content API's pages. They have no drafts: every one is public.</summary>
public sealed class ContentPageQueries(MastheadDb db, TimeProvider time)
{
    private const int ExcerptLength = 500;

    /// <summary>Pages have no tags or bylines, so tag: and author: filters match none of them, as they would in Ghost.</summary>
    public static readonly NqlFields<StaticPage> Filters = new NqlFields<StaticPage>("pages")
        .Number("id", p => p.Id)
        .Uuid("uuid", p => p.Uuid)
        .Text("slug", p => p.Slug)
        .Text("title", p => p.Title)
        .Boolean("featured", p => false)
        .Date("published_at", p => p.UpdatedAt)
        .Date("updated_at", p => p.UpdatedAt)
        .Date("created_at", p => p.UpdatedAt)
        .Membership("tags.slug", _ => p => false, "tags", "tag")
        .Membership("authors.slug", _ => p => false, "authors", "author")
        .Constant("visibility", "public")
        .Constant("status", "published");

    /// <summary>By default, the order the site's footer lists them in.</summary>
    private static readonly ContentOrdering<StaticPage> Ordering = new ContentOrdering<StaticPage>("pages", [new("position", false)])
        .By("position", p => p.Position)
        .By("title", p => p.Title)
        .By("slug", p => p.Slug)
        .By("published_at", p => p.UpdatedAt)
        .By("updated_at", p => p.UpdatedAt)
        .By("created_at", p => p.UpdatedAt)
        .By("id", p => p.Id);

    public async Task<ContentList<ContentPost>> BrowseAsync(ContentRequest request, CancellationToken cancellationToken = default)
    {
        var filtered = db.StaticPages.AsNoTracking();
        if (request.Filter is { } filter)
        {
            filtered = filtered.Where(NqlCompiler.Compile(filter, Filters, time.GetUtcNow().UtcDateTime));
        }

        var total = await filtered.CountAsync(cancellationToken);
        var skip = request.Skip;
        var page = Ordering.Apply(filtered, request.Order, new ContentOrder("id", false)).Skip(skip).Take(request.Limit);
        return new ContentList<ContentPost>((await Views(page, request).ToListAsync(cancellationToken)).ConvertAll(p => p.AsPost(request)), request.Page,
            request.Limit, total);
    }

    public Task<ContentPost?> ReadAsync(int id, ContentRequest request, CancellationToken cancellationToken = default) =>
        ReadAsync(p => p.Id == id, request, cancellationToken);

    public Task<ContentPost?> ReadAsync(string slug, ContentRequest request, CancellationToken cancellationToken = default) =>
        ReadAsync(p => p.Slug == slug, request, cancellationToken);

    private async Task<ContentPost?> ReadAsync(Expression<Func<StaticPage, bool>> which, ContentRequest request, CancellationToken cancellationToken) =>
        (await Views(db.StaticPages.AsNoTracking().Where(which), request).SingleOrDefaultAsync(cancellationToken))?.AsPost(request);

    private static IQueryable<PageRow> Views(IQueryable<StaticPage> pages, ContentRequest request)
    {
        var html = request.Html;
        var plaintext = request.Plaintext;
        return pages.Select(p => new PageRow(
            p.Id, p.Uuid, p.Slug, p.Title,
            html ? p.BodyHtml : null,
            plaintext ? p.BodyText : null,
            p.BodyText.Substring(0, ExcerptLength),
            // Pages store no word count; spaces are a close enough count for a reading time.
            p.BodyText.Length - p.BodyText.Replace(" ", "").Length + 1,
            p.UpdatedAt));
    }

    private sealed record PageRow(int Id, Guid Uuid, string Slug, string Title, string? Html, string? Plaintext, string? AutoExcerpt, int WordCount, DateTime UpdatedAt)
    {
        /// <summary>A page in a post's shape: no standfirst, image, feature or notes; its one date is when it last changed.</summary>
        public ContentPost AsPost(ContentRequest request) => new(Id, Uuid, Slug, Title, Html, Plaintext, "", AutoExcerpt, WordCount, false, default,
            UpdatedAt, UpdatedAt, UpdatedAt, null, request.Includes(ContentIncludes.Authors) ? [] : null, request.Includes(ContentIncludes.Tags) ? [] : null, [], null,
            IsPage: true);
    }
}
