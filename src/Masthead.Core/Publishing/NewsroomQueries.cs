using Masthead.Core.Articles;
using Masthead.Core.Live;
using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Publishing;

/// <summary>An article as newsroom lists show it.</summary>
/// <param name="IsLive">A published developing story whose coverage is live: lists link straight to its live desk.</param>
public sealed record DeskArticle(int Id, string Headline, ArticleStatus Status, string? SectionName, IReadOnlyList<string> Authors, DateTime LastModifiedAt, DateTime? PublishedAt,
    DateTime? ScheduledFor, string? ReviewComment, string? Path, bool IsLive = false);

public sealed record Dashboard(
    IReadOnlyList<DeskArticle> MyDrafts, int MyDraftCount,
    IReadOnlyList<DeskArticle> ReviewQueue, int ReviewCount,
    IReadOnlyList<DeskArticle> Scheduled, int ScheduledCount,
    IReadOnlyList<DeskArticle> RecentlyPublished, int PublishedCount);

public sealed class NewsroomQueries(MastheadDb db)
{
    private const int ListLength = 10;

    public async Task<Dashboard> DashboardAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        var mine = OwnedBy(db.Articles, actor.StaffId).Where(a => a.Status == ArticleStatus.Draft);
        var review = db.Articles.Where(a => a.Status == ArticleStatus.InReview);
        var scheduled = db.Articles.Where(a => a.Status == ArticleStatus.Scheduled);
        var published = db.Articles.Where(a => a.Status == ArticleStatus.Published);
        return new Dashboard(
            await Desk(mine.OrderByDescending(a => a.LastModifiedAt), cancellationToken), await mine.CountAsync(cancellationToken),
            await Desk(review.OrderBy(a => a.LastModifiedAt), cancellationToken), await review.CountAsync(cancellationToken),
            await Desk(scheduled.OrderBy(a => a.ScheduledFor), cancellationToken), await scheduled.CountAsync(cancellationToken),
            await Desk(published.OrderByDescending(a => a.PublishedAt), cancellationToken), await published.CountAsync(cancellationToken));
    }

    /// <summary>All articles in one state (or every state), most recently changed first; only one person's when <paramref name="ownerId"/> is given.</summary>
    public async Task<Page<DeskArticle>> ListAsync(ArticleStatus? status, int pageNumber, int pageSize, int? ownerId = null, CancellationToken cancellationToken = default)
    {
        var query = ownerId is { } owner ? OwnedBy(db.Articles, owner) : db.Articles;
        query = status is { } s ? query.Where(a => a.Status == s) : query;
        var total = await query.CountAsync(cancellationToken);
        var skip = (pageNumber - 1) * pageSize;
        var items = await Desk(query.OrderByDescending(a => a.LastModifiedAt).Skip(skip), cancellationToken, pageSize);
        return new Page<DeskArticle>(items, pageNumber, pageSize, total);
    }

    /// <summary>Articles a person started or is bylined on: what the dashboard calls theirs.</summary>
    private static IQueryable<Article> OwnedBy(IQueryable<Article> articles, int? staffId) =>
        articles.Where(a => a.CreatedById == staffId || a.Authors.Any(b => b.StaffMemberId == staffId));

    private static async Task<List<DeskArticle>> Desk(IQueryable<Article> query, CancellationToken cancellationToken, int take = ListLength)
    {
        var rows = await query.AsNoTracking().Take(take).Select(a => new
        {
            a.Id,
            a.Headline,
            a.Status,
            Section = a.Section == null ? null : a.Section.Name,
            Authors = a.Authors.OrderBy(b => b.Position).Select(b => b.StaffMember!.Name).ToList(),
            a.LastModifiedAt,
            a.PublishedAt,
            a.ScheduledFor,
            a.ReviewComment,
            a.UrlDate,
            a.Slug,
            a.Coverage,
        }).ToListAsync(cancellationToken);
        return rows.ConvertAll(r => new DeskArticle(r.Id, r.Headline, r.Status, r.Section, r.Authors, r.LastModifiedAt, r.PublishedAt, r.ScheduledFor, r.ReviewComment,
            r.Status == ArticleStatus.Published && r.UrlDate is { } date ? ArticleUrls.PathFor(date, r.Slug) : null,
            r.Status == ArticleStatus.Published && r.Coverage == CoverageStatus.Live));
    }
}
