using Masthead.Core.Articles;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Live;

public sealed class LiveQueries(MastheadDb db)
{
    /// <summary>The coverage of a story, or null when it is not a developing story.</summary>
    public async Task<LiveCoverageView?> CoverageAsync(int articleId, CancellationToken cancellationToken = default)
    {
        var article = await db.Articles.AsNoTracking().Where(a => a.Id == articleId)
            .Select(a => new { a.Coverage, a.CoverageStartedAt, a.CoverageEndedAt, a.PinnedUpdateId, a.LiveOldestFirst, a.LiveTextFirst })
            .SingleOrDefaultAsync(cancellationToken);
        if (article is null || article.Coverage == CoverageStatus.None)
        {
            return null;
        }

        var lastEvent = await db.LiveEvents.Where(e => e.ArticleId == articleId).MaxAsync(e => (int?)e.Sequence, cancellationToken) ?? 0;
        var updates = await db.LiveUpdates.AsNoTracking()
            .Where(u => u.ArticleId == articleId && u.DeletedAt == null)
            .OrderByDescending(u => u.PostedAt).ThenByDescending(u => u.Id)
            .Select(u => new LiveUpdateView(u.Id, u.Title, u.BodyHtml, u.BodyMarkdown, u.AuthorName, u.AuthorSlug, u.PostedAt, u.EditedAt, u.IsKey))
            .ToListAsync(cancellationToken);
        return new LiveCoverageView(article.Coverage, article.CoverageStartedAt, article.CoverageEndedAt, article.PinnedUpdateId, updates, lastEvent,
            new LiveLayout(article.LiveOldestFirst, article.LiveTextFirst));
    }

    public async Task<int> LastEventIdAsync(int articleId, CancellationToken cancellationToken = default) =>
        await db.LiveEvents.Where(e => e.ArticleId == articleId).MaxAsync(e => (int?)e.Sequence, cancellationToken) ?? 0;

    /// <summary>The events after <paramref name="afterId"/>, oldest first: what a reconnecting reader missed.</summary>
    public Task<List<LiveEventRecord>> EventsAfterAsync(int articleId, int afterId, CancellationToken cancellationToken = default) =>
        db.LiveEvents.AsNoTracking()
            .Where(e => e.ArticleId == articleId && e.Sequence > afterId)
            .OrderBy(e => e.Sequence)
            .Select(e => new LiveEventRecord(e.ArticleId, e.Sequence, e.Type, e.Data))
            .ToListAsync(cancellationToken);

    /// <summary>The published story at this slug that readers may follow live (now or in the past), for the stream.</summary>
    public Task<LiveStoryRef?> FindStoryAsync(string slug, CancellationToken cancellationToken = default) =>
        db.Articles.AsNoTracking()
            .Where(a => a.Slug == slug && a.Status == ArticleStatus.Published && a.Coverage != CoverageStatus.None && a.UrlDate != null)
            .Select(a => new LiveStoryRef(a.Id, a.UrlDate!.Value, a.Slug, a.Coverage))
            .SingleOrDefaultAsync(cancellationToken);

    /// <summary>What the live desk shows about the story it runs.</summary>
    /// <exception cref="NotFoundException">There is no such article.</exception>
    public async Task<LiveDeskStory> DeskStoryAsync(int articleId, CancellationToken cancellationToken = default)
    {
        var article = await db.Articles.AsNoTracking().Where(a => a.Id == articleId)
            .Select(a => new { a.Id, a.Headline, a.Status, a.CreatedById, a.UrlDate, a.Slug, Authors = a.Authors.Select(b => b.StaffMemberId).ToList() })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"There is no article {articleId}.");
        var path = article.Status == ArticleStatus.Published && article.UrlDate is { } date ? ArticleUrls.PathFor(date, article.Slug) : null;
        return new LiveDeskStory(article.Id, article.Headline, article.Status, new Publishing.ArticleAccess(article.Status, article.CreatedById, article.Authors), path);
    }

    public Task<string> HeadlineAsync(int articleId, CancellationToken cancellationToken = default) =>
        db.Articles.Where(a => a.Id == articleId).Select(a => a.Headline).SingleAsync(cancellationToken);

    public Task<bool> IsPublishedAsync(int articleId, CancellationToken cancellationToken = default) =>
        db.Articles.AnyAsync(a => a.Id == articleId && a.Status == ArticleStatus.Published, cancellationToken);
}

public sealed record LiveStoryRef(int Id, DateOnly UrlDate, string Slug, CoverageStatus Coverage)
{
    public string Path => ArticleUrls.PathFor(UrlDate, Slug);

    /// <summary>Whether a request's date segments name this story's date (a wrong date is not this story).</summary>
    public bool IsAt(int year, int month, int day) => UrlDate.Year == year && UrlDate.Month == month && UrlDate.Day == day;
}

public sealed record LiveDeskStory(int Id, string Headline, ArticleStatus Status, Publishing.ArticleAccess Access, string? PublicPath);
