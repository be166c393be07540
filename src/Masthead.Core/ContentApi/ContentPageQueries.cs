using System.Linq.Expressions;
using Masthead.Core.ContentApi.Nql;
using Masthead.Core.Pages;
using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.ContentApi;

/// <summary>Static pages (About us, the policies) as the Content API's pages. They have no drafts: every one is public.</summary>
public sealed class ContentPageQueries(MastheadDb db, TimeProvider time)
{
    private static readonly Func<MastheadDb, IAsyncEnumerable<ContentAuthor>> Owner = EF.CompileAsyncQuery((MastheadDb db) =>
        db.Staff.AsNoTracking().Where(s => s.IsActive).OrderByDescending(s => s.Role).ThenBy(s => s.Position).ThenBy(s => s.Id).Take(1)
            .Select(s => new ContentAuthor(s.Id, s.Slug, s.Name, s.JobTitle, s.Bio, s.PhotoUrl, null)));

    private const int ExcerptLength = 500;

    /// <summary>Pages have no tags or bylines, so tag: and author: filters match none of them, as they would in Ghost.</summary>
    public static readonly NqlFields<StaticPage> Filters = new NqlFields<StaticPage>("pages")
        .Text("id", p => ContentPost.PageIdPrefix + p.Id.ToString())
        .Uuid("uuid", p => p.Uuid)
        .Text("slug", p => p.Slug)
        .Text("title", p => p.Title)
        .Boolean("featured", p => false)
        .Date("published_at", p => p.UpdatedAt)
        .Date("updated_at", p => p.UpdatedAt)
        .Date("created_at", p => p.UpdatedAt)
        .Membership("tags.slug", _ => p => false, "tags", "tag")
        .Membership("tags.name", _ => p => false)
        .Text("feature_image", p => null)
        .Text("custom_excerpt", p => null)
        .Membership("authors.slug", _ => p => false, "authors", "author")
        .Constant("visibility", "public")
        .Constant("status", "published");

    /// <summary>By default, the order the site's footer lists them in.</summary>
    private static readonly ContentOrdering<StaticPage> Ordering = new ContentOrdering<StaticPage>("pages", [new("position", false)], p => p.Slug)
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
        var page = Ordering.Apply(filtered, request, new ContentOrder("id", false)).Skip(skip).Take(request.Limit);
        var rows = await Views(page, request).ToListAsync(cancellationToken);
        var owner = await OwnerAsync(request, cancellationToken);
        return new ContentList<ContentPost>(rows.ConvertAll(p => p.AsPost(request, owner)), request.Page, request.Limit, total);
    }

    /// <summary>A page by its Ghost id, page-{number}: pages are numbered apart from posts, as Ghost's ids never overlap.</summary>
    public Task<ContentPost?> ReadAsync(int id, ContentRequest request, CancellationToken cancellationToken = default) =>
        ReadAsync(p => p.Id == id, request, cancellationToken);

    public Task<ContentPost?> ReadAsync(string slug, ContentRequest request, CancellationToken cancellationToken = default) =>
        ReadAsync(p => p.Slug == slug, request, cancellationToken);

    private async Task<ContentPost?> ReadAsync(Expression<Func<StaticPage, bool>> which, ContentRequest request, CancellationToken cancellationToken) =>
        await Views(db.StaticPages.AsNoTracking().Where(which), request).SingleOrDefaultAsync(cancellationToken) is { } row
            ? row.AsPost(request, await OwnerAsync(request, cancellationToken))
            : null;

    /// <summary>
    /// Pages have no byline here, but a Ghost page always has an author and front ends read its primary_author: the
    /// publication's senior active staff member (the first administrator on the masthead) stands for the publication.
    /// </summary>
    private Task<ContentAuthor?> OwnerAsync(ContentRequest request, CancellationToken cancellationToken) =>
        request.Includes(ContentIncludes.Authors) ? OwnerAsync(cancellationToken) : Task.FromResult<ContentAuthor?>(null);

    /// <summary>Who stands for the publication where Ghost wants an author and Masthead has none: a page's, an Admin API key's post's.</summary>
    public async Task<ContentAuthor?> OwnerAsync(CancellationToken cancellationToken = default)
    {
        await foreach (var owner in Owner(db).WithCancellation(cancellationToken))
        {
            return owner;
        }

        return null;
    }

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
        public ContentPost AsPost(ContentRequest request, ContentAuthor? owner) => new(Id, Uuid, Slug, Title, Html, Plaintext, "", AutoExcerpt, WordCount, false,
            default, UpdatedAt, UpdatedAt, UpdatedAt, null, request.Includes(ContentIncludes.Authors) ? owner is null ? [] : [owner] : null,
            request.Includes(ContentIncludes.Tags) ? [] : null, [], null, IsPage: true);
    }
}
