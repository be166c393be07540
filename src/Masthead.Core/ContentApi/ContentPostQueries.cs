using System.Collections.Concurrent;
using System.Linq.Expressions;
using Masthead.Core.Articles;
using Masthead.Core.ContentApi.Nql;
using Masthead.Core.Live;
using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;
using LinkKind = Masthead.Core.ContentApi.ContentPostRelations.LinkKind;

namespace Masthead.Core.ContentApi;

/// <summary>
/// Published articles for the Content API's posts, as projections: one query for the page of rows, one for the total
/// (skipped on the last page), one for their bylines, tags, sections and notes together, and one for live updates
/// when a developing story is among them. The newest, unfiltered, are held in <see cref="NewestPosts"/>.
/// </summary>
public sealed class ContentPostQueries(MastheadDb db, TimeProvider time, PublishedCounts counts, NewestPosts newest)
{
    private const int ExcerptLength = 500;

    public static readonly NqlFields<Article> Filters = new NqlFields<Article>("posts")
        .Number("id", a => a.Id)
        .Uuid("uuid", a => a.Uuid)
        .Text("slug", a => a.Slug)
        .Text("title", a => a.Headline)
        .Boolean("featured", a => a.Featured)
        .Date("published_at", a => a.PublishedAt)
        .Date("updated_at", a => a.LastModifiedAt)
        .Date("created_at", a => a.CreatedAt)
        .Membership("tags.slug", slugs => a => (a.Section != null && slugs.Contains(a.Section.Slug)) || a.Tags.Any(t => slugs.Contains(t.Tag!.Slug)), "tags", "tag")
        .Membership("tags.name", names => a => (a.Section != null && names.Contains(a.Section.Name)) || a.Tags.Any(t => names.Contains(t.Tag!.Name)))
        .Text("feature_image", a => a.LeadImage == null ? null : a.LeadImage.Url)
        .Text("custom_excerpt", a => a.Standfirst == "" ? null : a.Standfirst)
        .Membership("authors.slug", slugs => a => a.Authors.Any(b => slugs.Contains(b.StaffMember!.Slug)), "authors", "author")
        .Text("primary_tag.slug", a => a.Section != null ? a.Section.Slug : a.Tags.OrderBy(t => t.Tag!.Name).Select(t => t.Tag!.Slug).FirstOrDefault(), "primary_tag")
        .Text("primary_author.slug", a => a.Authors.OrderBy(b => b.Position).Select(b => b.StaffMember!.Slug).FirstOrDefault(), "primary_author")
        .Constant("visibility", "public")
        .Constant("status", "published");

    private static readonly ContentOrdering<Article> Ordering = new ContentOrdering<Article>("posts", [new("published_at", true)], a => a.Slug)
        .By("published_at", a => a.PublishedAt)
        .By("updated_at", a => a.LastModifiedAt)
        .By("created_at", a => a.CreatedAt)
        .By("title", a => a.Headline)
        .By("slug", a => a.Slug)
        .By("featured", a => a.Featured)
        .By("id", a => a.Id);

    private static readonly Expression<Func<Article, PostRow>> Projection = a => new PostRow
    {
        Id = a.Id,
        Uuid = a.Uuid,
        Slug = a.Slug,
        Title = a.Headline,
        Html = a.BodyHtml,
        Standfirst = a.Standfirst,
        AutoExcerpt = a.Standfirst == "" ? a.BodyText.Substring(0, ExcerptLength) : null,
        WordCount = a.WordCount,
        Featured = a.Featured,
        UrlDate = a.UrlDate,
        PublishedAt = a.PublishedAt,
        Status = a.Status,
        CreatedAt = a.CreatedAt,
        LastModifiedAt = a.LastModifiedAt,
        Image = a.LeadImage == null ? null : new LeadImageView(a.LeadImage.Url, a.LeadImage.Alt, a.LeadImage.Caption, a.LeadImage.Credit),
        Coverage = a.Coverage,
        CoverageStartedAt = a.CoverageStartedAt,
        CoverageEndedAt = a.CoverageEndedAt,
        PinnedUpdateId = a.PinnedUpdateId,
    };

    // The first page of the newest posts is what most front ends ask for: compiled once per page size, with the size
    // a constant in the SQL (see QueryPaging).
    private static readonly ConcurrentDictionary<int, Func<MastheadDb, IAsyncEnumerable<PostRow>>> NewestBySize = new();

    private static readonly Expression<Func<MastheadDb, int, IQueryable<PostRow>>> Newest = (db, size) =>
        db.Articles.AsNoTracking().Where(PublishedArticles.IsPublished).OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id).Take(size).Select(Projection);

    private static readonly Func<MastheadDb, Task<int>> PublishedCount =
        EF.CompileAsyncQuery((MastheadDb db) => db.Articles.Where(PublishedArticles.IsPublished).Count());

    private static readonly Func<MastheadDb, List<int>, IAsyncEnumerable<KeyValuePair<int, string>>> BodyTexts =
        EF.CompileAsyncQuery((MastheadDb db, List<int> ids) => db.Articles.AsNoTracking().Where(a => ids.Contains(a.Id))
            .Select(a => new KeyValuePair<int, string>(a.Id, a.BodyText)));

    /// <summary>
    /// A developing story's updates a list carries: its newest. A story followed for days gathers hundreds, and a
    /// list of fifteen posts should not carry them all; reading the post gives every one.
    /// </summary>
    public const int UpdatesInLists = 20;

    public async Task<ContentList<ContentPost>> BrowseAsync(ContentRequest request, CancellationToken cancellationToken = default)
    {
        var skip = request.Skip;
        var latest = request.Filter is null && request.Order is not { Count: > 0 } && !request.AnyStatus;
        var filtered = Scope(request);
        if (request.Filter is { } filter)
        {
            filtered = filtered.Where(NqlCompiler.Compile(filter, Filters, time.GetUtcNow().UtcDateTime));
        }

        var posts = latest && skip <= ContentRequest.MaxLimit - request.Limit // not skip + limit: a page far past the end overflows
            ? await HeldNewestAsync(skip, request, cancellationToken)
            : await CompleteAsync(latest
                ? await ContentPostRelations.ListAsync(NewestPage(skip, request.Limit)(db), cancellationToken)
                : await Ordering.Apply(filtered, request, new ContentOrder("id", true)).Page(skip, request.Limit)
                    .Select(Projection).ToListAsync(cancellationToken), request, allUpdates: false, cancellationToken);

        // A separate count is cheaper than counting inside the row query: EF Core re-processes a nested query every time.
        var total = posts.Count < request.Limit && (posts.Count > 0 || request.Page == 1) ? skip + posts.Count
            : latest ? await counts.GetAsync(ArticleFilter.All, () => PublishedCount(db))
            : await filtered.CountAsync(cancellationToken);
        return new ContentList<ContentPost>(posts, request.Page, request.Limit, total);
    }

    /// <summary>What <see cref="NewestPosts"/> holds: bylines and tags, which a request that did not include them leaves out.</summary>
    private static readonly ContentRequest HeldRequest = new(Include: ContentIncludes.Authors | ContentIncludes.Tags, Plaintext: false);

    /// <summary>A page of the newest posts from <see cref="NewestPosts"/>, read and held first when it holds too few.</summary>
    private async Task<List<ContentPost>> HeldNewestAsync(int skip, ContentRequest request, CancellationToken cancellationToken)
    {
        var count = skip + request.Limit;
        var held = newest.Current is { } current && current.Covers(count) ? current : await newest.LoadAsync(async () =>
        {
            var rows = await ContentPostRelations.ListAsync(NewestPage(0, count)(db), cancellationToken);
            return new HeldPosts(await CompleteAsync(rows, HeldRequest, allUpdates: false, cancellationToken), IsAll: rows.Count < count);
        });
        var page = held.Posts.Skip(skip).Take(request.Limit).ToList();
        var ids = page.ConvertAll(p => p.Id);
        var plaintexts = request.Plaintext ? (await ContentPostRelations.ListAsync(BodyTexts(db, ids), cancellationToken)).ToDictionary() : null;
        var withAuthors = request.Includes(ContentIncludes.Authors);
        var withTags = request.Includes(ContentIncludes.Tags);
        return plaintexts is null && withAuthors && withTags ? page : page.ConvertAll(p => p with
        {
            Authors = withAuthors ? p.Authors : null,
            Tags = withTags ? p.Tags : null,
            Plaintext = plaintexts?.GetValueOrDefault(p.Id),
        });
    }

    private static Func<MastheadDb, IAsyncEnumerable<PostRow>> NewestPage(int skip, int size) => skip > 0
        ? db => db.Articles.AsNoTracking().Where(PublishedArticles.IsPublished).NewestFirst().Page(skip, size).Select(Projection).AsAsyncEnumerable()
        : NewestBySize.GetOrAdd(size, _ => EF.CompileAsyncQuery(Expression.Lambda<Func<MastheadDb, IQueryable<PostRow>>>(
            Newest.Inline(Newest.Parameters[0], Expression.Constant(size)), Newest.Parameters[0])));

    public Task<ContentPost?> ReadAsync(int id, ContentRequest request, CancellationToken cancellationToken = default) =>
        ReadAsync(a => a.Id == id, request, cancellationToken);

    public Task<ContentPost?> ReadAsync(string slug, ContentRequest request, CancellationToken cancellationToken = default) =>
        ReadAsync(a => a.Slug == slug, request, cancellationToken);

    private async Task<ContentPost?> ReadAsync(Expression<Func<Article, bool>> which, ContentRequest request, CancellationToken cancellationToken)
    {
        var rows = await Scope(request).Where(which).Select(Projection).ToListAsync(cancellationToken);
        return rows.Count == 0 ? null : (await CompleteAsync(rows, request, allUpdates: true, cancellationToken))[0];
    }

    private IQueryable<Article> Scope(ContentRequest request) =>
        request.AnyStatus ? db.Articles.AsNoTracking() : db.Articles.AsNoTracking().Where(PublishedArticles.IsPublished);

    private async Task<(ILookup<int, LiveUpdateView>, Dictionary<int, int>)> AllUpdatesAsync(List<int> ids, CancellationToken cancellationToken)
    {
        var updates = await ContentPostRelations.UpdatesAsync(db, ids, cancellationToken);
        return (updates, ids.ToDictionary(id => id, id => updates[id].Count()));
    }

    /// <param name="allUpdates">Every update of a developing story (one post read), or its newest (a list).</param>
    private async Task<List<ContentPost>> CompleteAsync(List<PostRow> rows, ContentRequest request, bool allUpdates, CancellationToken cancellationToken)
    {
        var ids = rows.ConvertAll(r => r.Id);
        var withAuthors = request.Includes(ContentIncludes.Authors);
        var withTags = request.Includes(ContentIncludes.Tags);
        var links = await ContentPostRelations.LinksAsync(db, ids, withAuthors, withTags, cancellationToken);
        var twins = await ContentPostRelations.SectionTwinsAsync(db, links, cancellationToken);
        var byArticle = links.ToLookup(l => l.ArticleId);
        var plaintexts = request.Plaintext ? (await ContentPostRelations.ListAsync(BodyTexts(db, ids), cancellationToken)).ToDictionary() : null;
        var developing = rows.Where(r => r.Coverage != CoverageStatus.None).Select(r => r.Id).ToList();
        var (updates, updateCounts) = developing.Count == 0 ? (null, null)
            : allUpdates ? await AllUpdatesAsync(developing, cancellationToken)
            : await ContentPostRelations.NewestUpdatesAsync(db, developing, cancellationToken);

        return rows.ConvertAll(r =>
        {
            var related = byArticle[r.Id].ToList();
            var authors = withAuthors ? related.Where(l => l.Kind == LinkKind.Byline).OrderBy(l => l.Position).Select(l => l.Author).ToList() : null;
            var tags = withTags
                ? ContentPostRelations.GhostTags(related.FirstOrDefault(l => l.Kind == LinkKind.Section)?.Tag,
                    related.Where(l => l.Kind == LinkKind.Tag).OrderBy(l => l.Name, StringComparer.Ordinal).Select(l => twins.GetValueOrDefault(l.Slug) ?? l.Tag))
                : null;
            var notes = related.Where(l => l.Kind == LinkKind.Note).OrderByDescending(l => l.At).ThenByDescending(l => l.Id).Select(l => l.Note).ToList();
            var live = r.Coverage == CoverageStatus.None ? null
                : new ContentLive(r.Coverage, r.CoverageStartedAt, r.CoverageEndedAt, r.PinnedUpdateId, [.. updates![r.Id]], updateCounts![r.Id]);
            var updatedAt = r.PublishedAt is { } published && published > r.LastModifiedAt ? published : r.LastModifiedAt;
            return new ContentPost(r.Id, r.Uuid, r.Slug, r.Title, r.Html, plaintexts?.GetValueOrDefault(r.Id), r.Standfirst, r.AutoExcerpt,
                r.WordCount, r.Featured, r.UrlDate, r.PublishedAt, r.CreatedAt, updatedAt, r.Image, authors, tags, notes, live, Status: r.Status);
        });
    }

    private sealed class PostRow
    {
        public int Id { get; init; }
        public Guid Uuid { get; init; }
        public required string Slug { get; init; }
        public required string Title { get; init; }
        public required string Html { get; init; }
        public required string Standfirst { get; init; }
        public string? AutoExcerpt { get; init; }
        public int WordCount { get; init; }
        public bool Featured { get; init; }
        public DateOnly? UrlDate { get; init; }
        public DateTime? PublishedAt { get; init; }
        public ArticleStatus Status { get; init; }
        public DateTime CreatedAt { get; init; }
        public DateTime LastModifiedAt { get; init; }
        public LeadImageView? Image { get; init; }
        public CoverageStatus Coverage { get; init; }
        public DateTime? CoverageStartedAt { get; init; }
        public DateTime? CoverageEndedAt { get; init; }
        public int? PinnedUpdateId { get; init; }
    }
}
