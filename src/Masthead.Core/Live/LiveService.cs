using Masthead.Core.Articles;
using Masthead.Core.Audit;
using Masthead.Core.Events;
using Masthead.Core.Publication;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Masthead.Core.Text;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Live;

/// <summary>
/// Runs a developing story from the live desk. Each change, its numbered event and its audit entry are committed
/// together, and raise <see cref="LiveChanged"/>, which pushes the event to readers once committed. Changes to one
/// story take turns (<see cref="ArticleLock"/>), each seeing the one before: two people ending coverage at the same
/// moment end it once, and the second is told it had already ended.
/// </summary>
public sealed class LiveService(MastheadDb db, MarkdownRenderer markdown, PublicationService publication, TimeProvider time)
{
    /// <summary>How much of an update's text the audit log keeps.</summary>
    private const int AuditTextLength = 200;

    /// <summary>The coverage a change needs. Updates may still be corrected after coverage ends, but not added.</summary>
    private enum CoverageNeeded
    {
        Any,
        LiveOrEnded,
        Live,
    }

    /// <summary>What a change did, for the story's event log and the audit log; null from a change that found nothing to do.</summary>
    private sealed record Done(string AuditAction, string AuditDetails, LiveEvent? Event);

    /// <summary>Starts coverage, or resumes it after it ended; a resumption is an event, as the end was.</summary>
    /// <param name="at">When coverage began, for an import or the demo; now by default.</param>
    /// <returns>False, changing nothing, when coverage was live already (someone started or resumed it a moment before).</returns>
    public Task<bool> StartAsync(Actor actor, int articleId, DateTime? at = null, CancellationToken cancellationToken = default) =>
        ChangeAsync(actor, articleId, CoverageNeeded.Any, cancellationToken, (article, info, now) =>
        {
            Permissions.Demand(Permissions.CanPublish(actor, ArticleAccess.Of(article)), "start live coverage of this article");
            if (article.Coverage == CoverageStatus.Live)
            {
                return Task.FromResult<Done?>(null);
            }

            var resuming = article.Coverage == CoverageStatus.Ended;
            article.Coverage = CoverageStatus.Live;
            article.CoverageStartedAt ??= at ?? now;
            article.CoverageEndedAt = null;
            return Task.FromResult<Done?>(resuming
                ? new Done(AuditActions.LiveResumed, article.Headline, NewEvent(article, LiveEventTypes.Resumed, LivePayload.Resumed(article.CoverageStartedAt.Value, info), now))
                : new Done(AuditActions.LiveStarted, article.Headline, null));
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
                BodyHtml = markdown.Render(body, LiveUpdate.MaxBodyLength, "Body").Html,
                AuthorId = actor.StaffId,
                AuthorName = actor.Name,
                AuthorSlug = author?.Slug,
                PostedAt = postedAt ?? now,
                IsKey = input.IsKey,
            };
            db.LiveUpdates.Add(update);
            await db.SaveChangesAsync(cancellationToken);
            posted = update;
            return new Done(AuditActions.LivePosted, Describe(update),
                NewEvent(article, LiveEventTypes.Update, LivePayload.Update(update, article.PinnedUpdateId, info), now));
        });
        return posted!.Id;
    }

    /// <param name="basis">
    /// The update's <see cref="LiveUpdate.BasisOf"/> when the person began editing it; null edits whatever is there.
    /// </param>
    /// <exception cref="LiveEditConflictException">Someone else changed the update's text since <paramref name="basis"/>.</exception>
    public Task EditAsync(Actor actor, int updateId, LiveUpdateInput input, string? basis = null, CancellationToken cancellationToken = default) =>
        ChangeUpdateAsync(actor, updateId, cancellationToken, (article, update, info, now) =>
        {
            var (title, body) = Check(input);
            if (basis is not null && basis != LiveUpdate.BasisOf(update.Title, update.BodyMarkdown))
            {
                throw new LiveEditConflictException(updateId);
            }

            update.Title = title;
            update.BodyMarkdown = body;
            update.BodyHtml = markdown.Render(body, LiveUpdate.MaxBodyLength, "Body").Html;
            update.IsKey = input.IsKey;
            update.EditedAt = now;
            return new Done(AuditActions.LiveEdited, Describe(update),
                NewEvent(article, LiveEventTypes.Edit, LivePayload.Update(update, article.PinnedUpdateId, info), now));
        });

    /// <returns>False, changing nothing, when the update already was (or was not) a key update.</returns>
    public Task<bool> SetKeyAsync(Actor actor, int updateId, bool isKey, CancellationToken cancellationToken = default) =>
        ChangeUpdateAsync(actor, updateId, cancellationToken, (article, update, info, now) =>
        {
            if (update.IsKey == isKey)
            {
                return null;
            }

            update.IsKey = isKey; // not an edit of what readers read, so no "Edited" mark
            return new Done(AuditActions.LiveEdited, $"{(isKey ? "Marked key" : "No longer key")}: {Describe(update)}",
                NewEvent(article, LiveEventTypes.Edit, LivePayload.Update(update, article.PinnedUpdateId, info), now));
        });

    /// <returns>False, changing nothing, when the update had already been deleted (by a colleague a moment before).</returns>
    public Task<bool> DeleteAsync(Actor actor, int updateId, CancellationToken cancellationToken = default) =>
        ChangeUpdateAsync(actor, updateId, cancellationToken, (article, update, _, now) =>
        {
            if (update.DeletedAt is not null)
            {
                return null;
            }

            update.DeletedAt = now;
            if (article.PinnedUpdateId == update.Id)
            {
                article.PinnedUpdateId = null;
            }

            return new Done(AuditActions.LiveDeleted, Describe(update), NewEvent(article, LiveEventTypes.Delete, LivePayload.Id(update.Id), now));
        }, evenDeleted: true);

    /// <summary>Pins <paramref name="updateId"/> to the top of the story, or unpins with null.</summary>
    /// <returns>False, changing nothing, when that update was pinned already (or, with null, nothing was).</returns>
    public Task<bool> PinAsync(Actor actor, int articleId, int? updateId, CancellationToken cancellationToken = default) =>
        ChangeAsync(actor, articleId, CoverageNeeded.LiveOrEnded, cancellationToken, async (article, _, now) =>
        {
            DemandPoster(actor, article);
            if (article.PinnedUpdateId == updateId)
            {
                return null;
            }

            var update = updateId is { } id
                ? await db.LiveUpdates.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id && u.ArticleId == articleId && u.DeletedAt == null, cancellationToken)
                    ?? throw new NotFoundException($"Story {articleId} has no update {id}; it may have just been deleted.")
                : null;
            article.PinnedUpdateId = updateId;
            return new Done(AuditActions.LivePinned, update is null ? "Unpinned" : Describe(update), NewEvent(article, LiveEventTypes.Pin, LivePayload.Id(updateId), now));
        });

    /// <summary>Ends coverage; a site banner linking to the story comes down with it.</summary>
    /// <returns>False, changing nothing, when coverage had already ended (someone ended it a moment before).</returns>
    public Task<bool> EndAsync(Actor actor, int articleId, CancellationToken cancellationToken = default) =>
        ChangeAsync(actor, articleId, CoverageNeeded.LiveOrEnded, cancellationToken, async (article, info, now) =>
        {
            DemandPoster(actor, article);
            if (article.Coverage == CoverageStatus.Ended)
            {
                return null;
            }

            article.Coverage = CoverageStatus.Ended;
            article.CoverageEndedAt = now;
            await Banner.BannerRules.TakeDownLinkedToAsync(db, article.Id, now, "coverage ended", cancellationToken);
            return new Done(AuditActions.LiveEnded, article.Headline,
                NewEvent(article, LiveEventTypes.Ended, LivePayload.Ended(now, info), now));
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
        var body = (input.Body ?? "").ReplaceLineEndings("\n").Trim();
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

    /// <summary>An update as the audit log names it: its number and its title, or the start of its text.</summary>
    private static string Describe(LiveUpdate update) =>
        $"Update {update.Id}: {update.Title ?? Excerpts.Shorten(update.BodyMarkdown, AuditTextLength)}";

    private static LiveEvent NewEvent(Article article, string type, string data, DateTime now) =>
        new() { ArticleId = article.Id, Type = type, Data = data, At = now };

    /// <param name="evenDeleted">Whether the change is given an update already deleted, rather than refusing it as not found.</param>
    private async Task<bool> ChangeUpdateAsync(Actor actor, int updateId, CancellationToken cancellationToken, Func<Article, LiveUpdate, PublicationInfo, DateTime, Done?> change,
        bool evenDeleted = false)
    {
        var articleId = await db.LiveUpdates.Where(u => u.Id == updateId && (evenDeleted || u.DeletedAt == null)).Select(u => (int?)u.ArticleId)
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"There is no live update {updateId}.");
        return await ChangeAsync(actor, articleId, CoverageNeeded.LiveOrEnded, cancellationToken, async (article, info, now) =>
        {
            DemandPoster(actor, article);
            var update = await db.LiveUpdates.SingleOrDefaultAsync(u => u.Id == updateId && (evenDeleted || u.DeletedAt == null), cancellationToken)
                ?? throw new NotFoundException($"There is no live update {updateId}; it may have just been deleted.");
            return change(article, update, info, now);
        });
    }

    /// <summary>
    /// Applies one change in a transaction, after the story's previous change has committed (<see cref="ArticleLock"/>),
    /// with its audit entry and its event numbered after the story's last one.
    /// </summary>
    /// <returns>Whether anything changed: false when <paramref name="change"/> found it already done.</returns>
    private async Task<bool> ChangeAsync(Actor actor, int articleId, CoverageNeeded needed, CancellationToken cancellationToken,
        Func<Article, PublicationInfo, DateTime, Task<Done?>> change)
    {
        var info = await publication.GetAsync(cancellationToken);
        if (db.Database.CurrentTransaction is null)
        {
            db.ChangeTracker.Clear(); // an article tracked earlier in this unit of work would be read as it was then
        }

        var changed = false;
        await db.InTransactionAsync(async () =>
        {
            await db.LockArticleAsync(articleId, cancellationToken);
            var article = await db.Articles.Include(a => a.Authors).SingleAsync(a => a.Id == articleId, cancellationToken);
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

            var now = time.GetUtcNow().UtcDateTime;
            var coverage = article.Coverage;
            if (await change(article, info, now) is not { } done)
            {
                return;
            }

            if (done.Event is { } liveEvent)
            {
                liveEvent.Sequence = (await db.LiveEvents.Where(e => e.ArticleId == articleId).MaxAsync(e => (int?)e.Sequence, cancellationToken) ?? 0) + 1;
                db.LiveEvents.Add(liveEvent);
            }

            article.LastModifiedAt = now;
            db.Record(now, actor, done.AuditAction, articleId, done.AuditDetails);
            db.Raise(new LiveChanged(articleId, coverage != article.Coverage,
                done.Event is { } numbered ? new LiveEventRecord(articleId, numbered.Sequence, numbered.Type, numbered.Data) : null));
            await db.SaveChangesAsync(cancellationToken);
            changed = true;
        }, cancellationToken);
        return changed;
    }
}

/// <summary>An edit was made over an older text of the update than the one now stored; nothing was changed.</summary>
public sealed class LiveEditConflictException(int updateId)
    : Exception($"Someone else changed live update {updateId} after you began editing it.")
{
    public int UpdateId { get; } = updateId;
}
