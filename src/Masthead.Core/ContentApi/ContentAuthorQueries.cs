using System.Linq.Expressions;
using Masthead.Core.Articles;
using Masthead.Core.ContentApi.Nql;
using Masthead.Core.People;
using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.ContentApi;

/// <summary>Authors: active staff members with at least one published article, by name unless asked otherwise, as Ghost orders them.</summary>
public sealed class ContentAuthorQueries(MastheadDb db, TimeProvider time)
{
    public static readonly NqlFields<StaffMember> Filters = new NqlFields<StaffMember>("authors")
        .Number("id", s => s.Id)
        .Text("slug", s => s.Slug)
        .Text("name", s => s.Name);

    public async Task<ContentList<ContentAuthor>> BrowseAsync(ContentRequest request, CancellationToken cancellationToken = default)
    {
        var filtered = Visible();
        if (request.Filter is { } filter)
        {
            filtered = filtered.Where(NqlCompiler.Compile(filter, Filters, time.GetUtcNow().UtcDateTime));
        }

        var total = await filtered.CountAsync(cancellationToken);
        var skip = request.Skip;
        var page = Ordering(db).Apply(filtered, request, new ContentOrder("id", false)).Skip(skip).Take(request.Limit);
        return new ContentList<ContentAuthor>(await Views(page, request).ToListAsync(cancellationToken), request.Page, request.Limit, total);
    }

    public Task<ContentAuthor?> ReadAsync(int id, ContentRequest request, CancellationToken cancellationToken = default) =>
        ReadAsync(s => s.Id == id, request, cancellationToken);

    public Task<ContentAuthor?> ReadAsync(string slug, ContentRequest request, CancellationToken cancellationToken = default) =>
        ReadAsync(s => s.Slug == slug, request, cancellationToken);

    private Task<ContentAuthor?> ReadAsync(Expression<Func<StaffMember, bool>> which, ContentRequest request, CancellationToken cancellationToken) =>
        Views(Visible().Where(which), request).SingleOrDefaultAsync(cancellationToken);

    private IQueryable<StaffMember> Visible()
    {
        var published = db.Articles.Where(PublishedArticles.IsPublished);
        return db.Staff.AsNoTracking().Where(s => s.IsActive && db.ArticleAuthors.Any(b => b.StaffMemberId == s.Id && published.Any(a => a.Id == b.ArticleId)));
    }

    private IQueryable<ContentAuthor> Views(IQueryable<StaffMember> staff, ContentRequest request)
    {
        var counts = request.Includes(ContentIncludes.PostCounts);
        var posts = PostCount(db);
        return staff.Select(s => new ContentAuthor(s.Id, s.Slug, s.Name, s.JobTitle, s.Bio, s.PhotoUrl,
            counts ? posts.Count(b => b.StaffMemberId == s.Id) : null));
    }

    /// <summary>Bylines on published articles.</summary>
    private static IQueryable<ArticleAuthor> PostCount(MastheadDb db)
    {
        var published = db.Articles.Where(PublishedArticles.IsPublished);
        return db.ArticleAuthors.Where(b => published.Any(a => a.Id == b.ArticleId));
    }

    private static ContentOrdering<StaffMember> Ordering(MastheadDb db) => new ContentOrdering<StaffMember>("authors", [new("name", false)], s => s.Slug)
        .By("position", s => s.Position)
        .By("name", s => s.Name)
        .By("slug", s => s.Slug)
        .By("id", s => s.Id)
        .By("count.posts", s => PostCount(db).Count(b => b.StaffMemberId == s.Id));
}
