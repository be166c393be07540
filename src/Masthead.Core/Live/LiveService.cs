using Masthead.Core.Articles;
using Masthead.Core.Events;
using Masthead.Core.Publication;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Masthead.Core.Text;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Live;

/// <summary>
/// Runs a developing story from the live desk. Each change and its numbered event are committed together, and
/// raise <see cref="LiveChanged"/>, which pushes the event to readers once committed.
/// </summary>
public sealed class LiveService(MastheadDb db, MarkdownRenderer markdown, PublicationService publication, TimeProvider time)
{
    private const int Attempts = 5;

    /// <summary>The coverage a change needs. Updates may still be corrected after coverage ends, but not added.</summary>
    private enum CoverageNeeded
    {
        Any,
        LiveOrEnded,
        Live,
    }

    /// <summary>Starts coverage, or resumes it after it ended; a resumption is an event, as the end was.</summary>
    /// <param name="at">When coverage began, for an import or the demo; now by default.</param>
    public Task StartAsync(Actor actor, int articleId, DateTime? at = null, CancellationToken cancellationToken = default) =>
        ChangeAsync(actor, articleId, CoverageNeeded.Any, cancellationToken, (article, info, now) =>
        {
            Permissions.Demand(Permissions.CanPublish(actor, ArticleAccess.Of(article)), "start live coverage of this article");
            if (article.Coverage == CoverageStatus.Live)
            {
                throw new WorkflowException("Coverage of this story is already live.");
            }

            var resuming = article.Coverage == CoverageStatus.Ended;
            article.Coverage = CoverageStatus.Live;
            article.CoverageStartedAt ??= at ?? now;
            article.CoverageEndedAt = null;
            return Task.FromResult<LiveEvent?>(resuming ? NewEvent(article, LiveEventTypes.Resumed, LivePayload.Resumed(article.CoverageStartedAt.Value, info), now) : null);
        });

    /// <param name="postedAt">When the update was posted, for an import or the demo; now by default.</param>
    /// <returns>The new update's id.</returns>
    public async Task<int> PostAsync(Actor actor, int articleId, LiveUpdateInput input, DateTime? postedAt = null, CancellationToken cancellationToken = default)
    {
        LiveUpdate? posted = null;
        await ChangeAsync(actor, articleId, CoverageNeeded.Live, cancellationToken, async (article, info, now) =>
        {
            DemandPoster(actor, article);
            var (title, body) = Check(input);
            var author = actor.StaffId is { } id ? await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken) : null;
            var update = new LiveUpdate
            {
                ArticleId = article.Id,
                Title = title,
                BodyMarkdown = body,
                BodyHtml = markdown.Render(body).Html,
                AuthorId = actor.StaffId,
                AuthorName = actor.Name,
                AuthorSlug = author?.Slug,
                PostedAt = postedAt ?? now,
                IsKey = input.IsKey,
            };
            db.LiveUpdates.Add(update);
            await db.SaveChangesAsync(cancellationToken);
            posted = update;
            return NewEvent(article, LiveEventTypes.Update, LivePayload.Update(update, article.PinnedUpdateId, info), now);
        });
        return posted!.Id;
    }

    public Task EditAsync(Actor actor, int updateId, LiveUpdateInput input, CancellationToken cancellationToken = default) =>
        ChangeUpdateAsync(actor, updateId, cancellationToken, (article, update, info, now) =>
        {
            var (title, body) = Check(input);
            update.Title = title;
            update.BodyMarkdown = body;
            update.BodyHtml = markdown.Render(body).Html;
            update.IsKey = input.IsKey;
            update.EditedAt = now;
            return NewEvent(article, LiveEventTypes.Edit, LivePayload.Update(update, article.PinnedUpdateId, info), now);
        });

    public Task SetKeyAsync(Actor actor, int updateId, bool isKey, CancellationToken cancellationToken = default) =>
        ChangeUpdateAsync(actor, updateId, cancellationToken, (article, update, info, now) =>
        {
            update.IsKey = isKey; // not an edit of what readers read, so no "Edited" mark
            return NewEvent(article, LiveEventTypes.Edit, LivePayload.Update(update, article.PinnedUpdateId, info), now);
        });

    public Task DeleteAsync(Actor actor, int updateId, CancellationToken cancellationToken = default) =>
        ChangeUpdateAsync(actor, updateId, cancellationToken, (article, update, _, now) =>
        {
            update.DeletedAt = now;
            if (article.PinnedUpdateId == update.Id)
            {
                article.PinnedUpdateId = null;
            }

            return NewEvent(article, LiveEventTypes.Delete, LivePayload.Id(update.Id), now);
        });

    /// <summary>Pins <paramref name="updateId"/> to the top of the story, or unpins with null.</summary>
    public Task PinAsync(Actor actor, int articleId, int? updateId, CancellationToken cancellationToken = default) =>
        ChangeAsync(actor, articleId, CoverageNeeded.LiveOrEnded, cancellationToken, async (article, _, now) =>
        {
            DemandPoster(actor, article);
            if (updateId is { } id && !await db.LiveUpdates.AnyAsync(u => u.Id == id && u.ArticleId == articleId && u.DeletedAt == null, cancellationToken))
            {
                throw new NotFoundException($"Story {articleId} has no update {id}.");
            }

            article.PinnedUpdateId = updateId;
            return NewEvent(article, LiveEventTypes.Pin, LivePayload.Id(updateId), now);
        });

    /// <summary>Ends coverage; a site banner linking to the story comes down with it.</summary>
    public Task EndAsync(Actor actor, int articleId, CancellationToken cancellationToken = default) =>
        ChangeAsync(actor, articleId, CoverageNeeded.Live, cancellationToken, async (article, info, now) =>
        {
            DemandPoster(actor, article);
            article.Coverage = CoverageStatus.Ended;
            article.CoverageEndedAt = now;
            await Banner.BannerRules.TakeDownLinkedToAsync(db, article.Id, now, "coverage ended", cancellationToken);
            return NewEvent(article, LiveEventTypes.Ended, LivePayload.Ended(now, info), now);
        });

    /// <summary>Sets how the story's page is laid out. Not an event readers' open pages follow: it takes effect when a page is loaded.</summary>
    public async Task SetLayoutAsync(Actor actor, int articleId, LiveLayout layout, CancellationToken cancellationToken = default)
    {
        var article = await db.Articles.Include(a => a.Authors).SingleOrDefaultAsync(a => a.Id == articleId, cancellationToken)
            ?? throw new NotFoundException($"There is no article {articleId}.");
        DemandPoster(actor, article);
        if (article.Coverage == CoverageStatus.None)
        {
            throw new WorkflowException("This article is not a live story.");
        }

        article.LiveOldestFirst = layout.OldestFirst;
        article.LiveTextFirst = layout.TextFirst;
        db.Raise(new LiveChanged(article.Id, CoverageChanged: false, Event: null));
        await db.SaveChangesAsync(cancellationToken);
    }

    private static void DemandPoster(Actor actor, Article article) =>
        Permissions.Demand(Permissions.CanPostLive(actor, ArticleAccess.Of(article)), "post to this live story");

    private static (string? Title, string Body) Check(LiveUpdateInput input)
    {
        var title = string.IsNullOrWhiteSpace(input.Title) ? null : input.Title.Trim();
        var body = (input.Body ?? "").Trim();
        var problems = new Dictionary<string, string>();
        if (title is { Length: > LiveUpdate.MaxTitleLength })
        {
            problems["Title"] = $"The title is {title.Length:N0} characters long; the limit is {LiveUpdate.MaxTitleLength}.";
        }

        if (body.Length == 0)
        {
            problems["Body"] = "The update is empty.";
        }
        else if (body.Length > LiveUpdate.MaxBodyLength)
        {
            problems["Body"] = $"The update is {body.Length:N0} characters long; the limit is {LiveUpdate.MaxBodyLength:N0}.";
        }

        return problems.Count > 0 ? throw new ValidationException(problems) : (title, body);
    }

    private static LiveEvent NewEvent(Article article, string type, string data, DateTime now) =>
        new() { ArticleId = article.Id, Type = type, Data = data, At = now };

    private async Task ChangeUpdateAsync(Actor actor, int updateId, CancellationToken cancellationToken, Func<Article, LiveUpdate, PublicationInfo, DateTime, LiveEvent> change)
    {
        var articleId = await db.LiveUpdates.Where(u => u.Id == updateId && u.DeletedAt == null).Select(u => (int?)u.ArticleId).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"There is no live update {updateId}.");
        await ChangeAsync(actor, articleId, CoverageNeeded.LiveOrEnded, cancellationToken, async (article, info, now) =>
        {
            DemandPoster(actor, article);
            var update = await db.LiveUpdates.SingleOrDefaultAsync(u => u.Id == updateId && u.DeletedAt == null, cancellationToken)
                ?? throw new NotFoundException($"There is no live update {updateId}.");
            return change(article, update, info, now);
        });
    }

    /// <summary>
    /// Applies one change with its event in a transaction, numbering the event after the story's last one. Two
    /// changes racing for the same number collide on the unique index; the loser starts again with the next.
    /// </summary>
    private async Task ChangeAsync(Actor actor, int articleId, CoverageNeeded needed, CancellationToken cancellationToken,
        Func<Article, PublicationInfo, DateTime, Task<LiveEvent?>> change)
    {
        var info = await publication.GetAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var id = articleId;
            var article = await db.Articles.Include(a => a.Authors).SingleOrDefaultAsync(a => a.Id == id, cancellationToken)
                ?? throw new NotFoundException($"There is no article {id}.");
            if (article.Status != ArticleStatus.Published)
            {
                throw new WorkflowException("Live updates go on published articles; this one is not published.");
            }

            if (needed != CoverageNeeded.Any && article.Coverage == CoverageStatus.None)
            {
                throw new WorkflowException("This article is not a live story.");
            }

            if (needed == CoverageNeeded.Live && article.Coverage == CoverageStatus.Ended)
            {
                throw new WorkflowException("Coverage of this story has ended.");
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var now = time.GetUtcNow().UtcDateTime;
            var coverage = article.Coverage;
            var liveEvent = await change(article, info, now);
            if (liveEvent is not null)
            {
                liveEvent.Sequence = (await db.LiveEvents.Where(e => e.ArticleId == id).MaxAsync(e => (int?)e.Sequence, cancellationToken) ?? 0) + 1;
                db.LiveEvents.Add(liveEvent);
            }

            article.LastModifiedAt = now;
            db.Raise(new LiveChanged(id, coverage != article.Coverage,
                liveEvent is null ? null : new LiveEventRecord(id, liveEvent.Sequence, liveEvent.Type, liveEvent.Data)));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            catch (DbUpdateException) when (attempt < Attempts)
            {
                await transaction.RollbackAsync(cancellationToken);
                continue;
            }

            return;
        }
    }
}
