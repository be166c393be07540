using Masthead.Core.ContentApi.Nql;
using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.ContentApi;

/// <summary>A newsletter readers can join, with what Ghost's Content API shows of one: never who is on it, or how many.</summary>
public sealed record ContentNewsletter(int Id, string Slug, string Name, string Description, bool SubscribeOnSignup, int SortOrder);

/// <summary>
/// The newsletters the sign-up form offers, as Ghost's Content API lists them (GET /newsletters/, which Ghost only
/// browses). A publication has a handful, so they are read whole and filtered, ordered and paged in memory.
/// </summary>
public sealed class ContentNewsletterQueries(MastheadDb db, TimeProvider time)
{
    public static readonly NqlFields<ContentNewsletter> Filters = new NqlFields<ContentNewsletter>("newsletters")
        .Number("id", n => n.Id)
        .Text("slug", n => n.Slug)
        .Text("name", n => n.Name)
        .Boolean("subscribe_on_signup", n => n.SubscribeOnSignup)
        .Constant("visibility", "members")
        .Constant("status", "active");

    /// <summary>In the sign-up form's order, as Ghost orders them by sort_order.</summary>
    private static readonly ContentOrdering<ContentNewsletter> Ordering = new ContentOrdering<ContentNewsletter>("newsletters", [new("sort_order", false)], n => n.Slug)
        .By("sort_order", n => n.SortOrder)
        .By("name", n => n.Name)
        .By("slug", n => n.Slug)
        .By("id", n => n.Id);

    public async Task<ContentList<ContentNewsletter>> BrowseAsync(ContentRequest request, CancellationToken cancellationToken = default)
    {
        IEnumerable<ContentNewsletter> all = await db.Newsletters.AsNoTracking().Where(n => n.IsActive)
            .Select(n => new ContentNewsletter(n.Id, n.Slug, n.Name, n.Description, n.IsDefault, n.Position))
            .ToListAsync(cancellationToken);
        if (request.Filter is { } filter)
        {
            var matches = NqlCompiler.Compile(filter, Filters, time.GetUtcNow().UtcDateTime).Compile();
            all = all.Where(matches);
        }

        var filtered = all.ToList();
        var page = Ordering.Apply(filtered.AsQueryable(), request, new ContentOrder("id", false)).Skip(request.Skip).Take(request.Limit).ToList();
        return new ContentList<ContentNewsletter>(page, request.Page, request.Limit, filtered.Count);
    }
}
