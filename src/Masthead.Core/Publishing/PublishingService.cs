using Masthead.Core.Articles;
using Masthead.Core.Audit;
using Masthead.Core.Mail;
using Masthead.Core.Publication;
using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Masthead.Core.Publishing;

/// <summary>
/// Moves articles through Draft → In review → Scheduled → Published → Unpublished. Each step checks the actor's
/// role and the article's state, records an audit entry and queues its notifications in the same transaction, and
/// raises ArticleChanged.
/// </summary>
public sealed class PublishingService(
    MastheadDb db,
    ArticleService articles,
    PublicationService publication,
    NewsroomNotifications notifications,
    TimeProvider time,
    ILogger<PublishingService> logger)
{
    /// <summary>The scheduler's steps are the system's, not a person's: no role to check, and only on articles still scheduled.</summary>
    private static readonly ArticleStatus[] OnlyScheduled = [ArticleStatus.Scheduled];

    public Task SubmitAsync(Actor actor, int articleId, CancellationToken cancellationToken = default) =>
        SubmitAsync(actor, articleId, edit: null, cancellationToken);

    /// <param name="edit">What the editor's form held, saved with the step; null takes the step on the article as stored.</param>
    public Task SubmitAsync(Actor actor, int articleId, ArticleEdit? edit, CancellationToken cancellationToken = default) =>
        StepAsync(actor, WorkflowStep.Submit, articleId, edit, cancellationToken, async (article, token) =>
        {
            article.Status = ArticleStatus.InReview;
            article.ReviewComment = null;
            await notifications.SubmittedAsync(article, actor, token);
            return new StepRecord(AuditActions.Submitted, article.Headline);
        });

    public Task SendBackAsync(Actor actor, int articleId, string comment, CancellationToken cancellationToken = default) =>
        SendBackAsync(actor, articleId, comment, edit: null, cancellationToken);

    /// <summary>
    /// Sends an article in review back to its writers. The comment is required, and it starts a thread of editorial
    /// notes addressed to the writers, so they read why, and can answer, beside the article.
    /// </summary>
    public Task SendBackAsync(Actor actor, int articleId, string comment, ArticleEdit? edit, CancellationToken cancellationToken = default) =>
        StepAsync(actor, WorkflowStep.SendBack, articleId, edit, cancellationToken, async (article, token) =>
        {
            var text = (comment ?? "").Trim();
            if (text.Length == 0)
            {
                throw ValidationException.For("Comment", "Say what needs to change before sending the article back.");
            }

            if (text.Length > Article.MaxReviewCommentLength)
            {
                throw ValidationException.For("Comment", $"Keep the comment to {Article.MaxReviewCommentLength:N0} characters; it has {text.Length:N0}.");
            }

            article.Status = ArticleStatus.Draft;
            article.ReviewComment = text;
            EditorialNotes.EditorialNoteRules.StartSentBack(db, article, actor, text, Now);
            await notifications.SentBackAsync(article, actor, text, token);
            return new StepRecord(AuditActions.SentBack, text);
        });

    /// <summary>Publishes now; <paramref name="publishedAt"/> backdates an import or the demo.</summary>
    public Task PublishAsync(Actor actor, int articleId, DateTime? publishedAt = null, CancellationToken cancellationToken = default) =>
        PublishAsync(actor, articleId, publishedAt, edit: null, cancellationToken);

    public Task PublishAsync(Actor actor, int articleId, ArticleEdit? edit, CancellationToken cancellationToken = default) =>
        PublishAsync(actor, articleId, publishedAt: null, edit, cancellationToken);

    private Task PublishAsync(Actor actor, int articleId, DateTime? publishedAt, ArticleEdit? edit, CancellationToken cancellationToken) =>
        StepAsync(actor, WorkflowStep.Publish, articleId, edit, cancellationToken, async (article, token) =>
        {
            var approved = article.Status == ArticleStatus.InReview;
            await GoLiveAsync(article, publishedAt ?? Now, token);
            await notifications.PublishedAsync(article, actor, onSchedule: false, token, approved);
            return new StepRecord(AuditActions.Published, article.Headline);
        });

    public Task ScheduleAsync(Actor actor, int articleId, DateTime publishAt, CancellationToken cancellationToken = default) =>
        ScheduleAsync(actor, articleId, publishAt, edit: null, cancellationToken);

    public Task ScheduleAsync(Actor actor, int articleId, DateTime publishAt, ArticleEdit? edit, CancellationToken cancellationToken = default) =>
        StepAsync(actor, WorkflowStep.Schedule, articleId, edit, cancellationToken, async (article, token) =>
        {
            if (publishAt <= Now)
            {
                throw ValidationException.For("PublishAt", "Choose a publication time in the future, or publish now.");
            }

            RequireByline(article);
            var approved = article.Status == ArticleStatus.InReview;
            article.Status = ArticleStatus.Scheduled;
            var at = DateTime.SpecifyKind(publishAt, DateTimeKind.Utc);
            article.ScheduledFor = at;
            article.ReviewComment = null;
            var clock = (await publication.GetAsync(token)).Clock;
            await notifications.ScheduledAsync(article, actor, at, approved, token);
            return new StepRecord(AuditActions.Scheduled, $"{article.Headline} at {clock.FormatDateTime(at)}");
        });

    public Task UnscheduleAsync(Actor actor, int articleId, CancellationToken cancellationToken = default) =>
        UnscheduleAsync(actor, articleId, edit: null, cancellationToken);

    public Task UnscheduleAsync(Actor actor, int articleId, ArticleEdit? edit, CancellationToken cancellationToken = default) =>
        StepAsync(actor, WorkflowStep.Unschedule, articleId, edit, cancellationToken, (article, _) =>
        {
            article.Status = ArticleStatus.Draft;
            article.ScheduledFor = null;
            return Task.FromResult(new StepRecord(AuditActions.Unscheduled, article.Headline));
        });

    public Task UnpublishAsync(Actor actor, int articleId, CancellationToken cancellationToken = default) =>
        UnpublishAsync(actor, articleId, edit: null, cancellationToken);

    public Task UnpublishAsync(Actor actor, int articleId, ArticleEdit? edit, CancellationToken cancellationToken = default) =>
        StepAsync(actor, WorkflowStep.Unpublish, articleId, edit, cancellationToken, async (article, token) =>
        {
            article.Status = ArticleStatus.Unpublished;
            await Banner.BannerRules.TakeDownLinkedToAsync(db, article.Id, Now, "story unpublished", token); // its link would lead nowhere
            return new StepRecord(AuditActions.Unpublished, article.Headline);
        });

    public Task RepublishAsync(Actor actor, int articleId, CancellationToken cancellationToken = default) =>
        RepublishAsync(actor, articleId, edit: null, cancellationToken);

    public Task RepublishAsync(Actor actor, int articleId, ArticleEdit? edit, CancellationToken cancellationToken = default) =>
        StepAsync(actor, WorkflowStep.Republish, articleId, edit, cancellationToken, async (article, token) =>
        {
            await GoLiveAsync(article, Now, token);
            await notifications.PublishedAsync(article, actor, onSchedule: false, token);
            return new StepRecord(AuditActions.Published, $"{article.Headline} (republished)");
        });

    /// <summary>
    /// Publishes every scheduled article whose time has come. The save is conditional on the version it read,
    /// so two runs at once (or two nodes) never publish the same article twice. One article that cannot be
    /// published never holds up the others: one the rules refuse goes to the review queue saying why (see
    /// <see cref="HoldBackAsync"/>); one that fails otherwise stays scheduled for the next run.
    /// </summary>
    public async Task<int> PublishDueAsync(CancellationToken cancellationToken = default)
    {
        var now = Now;
        var due = await db.Articles.AsNoTracking()
            .Where(a => a.Status == ArticleStatus.Scheduled && a.ScheduledFor <= now)
            .OrderBy(a => a.ScheduledFor)
            .Select(a => a.Id)
            .ToListAsync(cancellationToken);
        var published = 0;
        foreach (var id in due)
        {
            try
            {
                await StepAsync(id, OnlyScheduled, WorkflowStep.Publish, cancellationToken, async (article, token) =>
                {
                    await GoLiveAsync(article, article.ScheduledFor ?? now, token);
                    db.Record(now, Actor.System, AuditActions.Published, article.Id, $"{article.Headline} (on schedule)");
                    await notifications.PublishedAsync(article, Actor.System, onSchedule: true, token);
                });
                published++;
            }
            catch (Exception exception) when (exception is DbUpdateConcurrencyException or WorkflowException)
            {
                db.ChangeTracker.Clear(); // another run published or changed it first
            }
            catch (ValidationException refused)
            {
                db.ChangeTracker.Clear();
                await HoldBackAsync(id, refused.Message, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                db.ChangeTracker.Clear();
                logger.LogError(exception, "Publishing scheduled article {ArticleId} failed; while it is still scheduled, the next run tries again", id);
            }
        }

        return published;
    }

    /// <summary>
    /// Takes a due article the rules refuse to publish (its bylines removed behind the editor's back, say) off the
    /// schedule and into the review queue, with the reason as its review comment and in the audit log, so the
    /// newsroom sees it on the dashboard instead of the scheduler retrying it for ever. Its writers and the editors are told.
    /// </summary>
    private async Task HoldBackAsync(int articleId, string reason, CancellationToken cancellationToken)
    {
        try
        {
            await StepAsync(articleId, OnlyScheduled, WorkflowStep.Unschedule, cancellationToken, async (article, token) =>
            {
                var dueAt = article.ScheduledFor ?? Now;
                article.Status = ArticleStatus.InReview;
                article.ScheduledFor = null;
                article.ReviewComment = $"Could not publish on schedule: {reason}";
                db.Record(Now, Actor.System, AuditActions.Unscheduled, article.Id, $"{article.Headline}: {article.ReviewComment}");
                await notifications.HeldBackAsync(article, dueAt, reason, token);
            });
        }
        catch (Exception exception) when (exception is DbUpdateConcurrencyException or WorkflowException)
        {
            db.ChangeTracker.Clear(); // another run held it back, or someone changed it first
        }
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private async Task GoLiveAsync(Article article, DateTime at, CancellationToken cancellationToken)
    {
        RequireByline(article);
        article.Status = ArticleStatus.Published;
        article.ScheduledFor = null;
        article.ReviewComment = null;
        article.PublishedAt ??= at;
        if (article.UrlDate is null)
        {
            var info = await publication.GetAsync(cancellationToken);
            article.UrlDate = info.Clock.LocalDate(article.PublishedAt.Value);
        }
    }

    private static void RequireByline(Article article)
    {
        if (article.Authors.Count == 0)
        {
            throw ValidationException.For(nameof(ArticleInput.AuthorIds), "An article needs at least one byline before it is published.");
        }
    }

    /// <summary>
    /// A step a person takes: allowed from the states <see cref="WorkflowSteps"/> gives it, then only if their role
    /// allows it. With an <paramref name="edit"/>, the form is saved first, in the same transaction, and the step's one
    /// audit entry names the revision it made.
    /// </summary>
    private Task StepAsync(Actor actor, WorkflowStep step, int articleId, ArticleEdit? edit, CancellationToken cancellationToken,
        Func<Article, CancellationToken, Task<StepRecord>> apply)
    {
        var rule = WorkflowSteps.Of(step);
        Task Take() => StepAsync(articleId, rule.From, step, cancellationToken, async (article, token) =>
        {
            rule.Demand(actor, ArticleAccess.Of(article));
            var saved = edit is null ? null : await articles.SaveInStepAsync(actor, article, edit, token);
            var record = await apply(article, token);
            db.Record(Now, actor, record.Action, article.Id, saved is null ? record.Details : $"{record.Details} ({saved.Describe()})");
            if (edit is not null && actor.StaffId is { } staffId)
            {
                await Autosaves.AutosaveRules.ForgetAsync(db, staffId, article.Id, token);
            }
        });

        // A form's slug can race another article's save for the same slug: the database refuses one, which is then
        // checked again and told the slug is taken.
        return edit is null ? Take() : db.CheckAgainIfRacedAsync(Take);
    }

    /// <summary>
    /// Refuses the step with a WorkflowException unless the article is in one of the states <paramref name="from"/>,
    /// then applies it and saves. Steps on one article take turns (<see cref="ArticleLock"/>): of two people pressing
    /// Publish at once, one publishes and the other is told the article already is published.
    /// </summary>
    private Task StepAsync(
        int articleId, IReadOnlyList<ArticleStatus> from, WorkflowStep step, CancellationToken cancellationToken, Func<Article, CancellationToken, Task> apply) =>
        db.InTransactionAsync(async () =>
        {
            await db.LockArticleAsync(articleId, cancellationToken);
            var article = await articles.LoadAsync(articleId, cancellationToken);
            if (!from.Contains(article.Status))
            {
                var rule = WorkflowSteps.Of(step);
                throw new WorkflowException(article.Status == rule.To
                    ? $"This article is already {StatusText.Of(article.Status)}."
                    : $"An article that is {StatusText.Of(article.Status)} cannot be {rule.Past}.");
            }

            var before = ArticlePlaces.Of(article);
            await apply(article, cancellationToken);
            article.LastModifiedAt = Now;
            article.Version++;
            articles.RaiseChanged(article, before);
            await db.SaveChangesAsync(cancellationToken);
        }, cancellationToken);

    /// <summary>What a step's audit entry says.</summary>
    private sealed record StepRecord(string Action, string Details);
}
