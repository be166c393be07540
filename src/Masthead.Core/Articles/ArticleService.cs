using Masthead.Core.Audit;
using Masthead.Core.Events;
using Masthead.Core.Publishing;
using Masthead.Core.Revisions;
using Masthead.Core.Storage;
using Masthead.Core.Text;
using Masthead.Core.Text.Blocks;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Articles;

/// <summary>
/// Writes articles. Every save is one transaction that also stores a revision, refuses a stale copy, and raises
/// <see cref="ArticleChanged"/>.
/// </summary>
public sealed class ArticleService(
    MastheadDb db,
    MarkdownRenderer markdown,
    BodyOptionsService bodyOptions,
    TimeProvider time)
{
    public Task<int> CreateAsync(Actor actor, ArticleInput input, string? note = null, CancellationToken cancellationToken = default)
    {
        if (input.AuthorIds.Count == 0 && actor.StaffId is { } self)
        {
            input = input with { AuthorIds = [self] };
        }

        return db.CheckAgainIfRacedAsync(async () =>
        {
            var now = time.GetUtcNow().UtcDateTime;
            var article = new Article { Slug = "", Headline = "", CreatedAt = now, CreatedById = actor.StaffId, CreatedByKeyId = actor.ApiKeyId };
            var body = await bodyOptions.ForAsync(actor, saved: null, cancellationToken);
            await ArticleInputRules.ApplyAsync(db, markdown, body, article, input, note, now, cancellationToken);
            await db.InTransactionAsync(async () =>
            {
                db.Articles.Add(article);
                await db.SaveChangesAsync(cancellationToken);
                db.Revisions.Add(RevisionSnapshot.Of(article, 1, actor, note ?? "Created", now));
                db.Record(now, actor, AuditActions.Created, article.Id, article.Headline);
                if (actor.StaffId is { } staffId)
                {
                    await Autosaves.AutosaveRules.ForgetAsync(db, staffId, null, cancellationToken); // the new-article page's
                }

                RaiseChanged(article, ArticlePlaces.None);
                await db.SaveChangesAsync(cancellationToken);
            }, cancellationToken);
            return article.Id;
        });
    }

    /// <summary>Saves <paramref name="input"/> over version <paramref name="expectedVersion"/>; returns the new version.</summary>
    /// <exception cref="EditConflictException">Someone else saved since that version.</exception>
    public Task<int> UpdateAsync(Actor actor, int articleId, ArticleInput input, int expectedVersion, string? note = null, CancellationToken cancellationToken = default) =>
        UpdateAsync(actor, articleId, input, expectedVersion, note, alongside: null, cancellationToken);

    /// <param name="alongside">
    /// Records what must be saved in the same transaction as the change instead of the ordinary "saved" audit entry,
    /// such as a restore's.
    /// </param>
    internal async Task<int> UpdateAsync(
        Actor actor, int articleId, ArticleInput input, int expectedVersion, string? note, Action<Article>? alongside, CancellationToken cancellationToken)
    {
        var version = 0;
        await db.CheckAgainIfRacedAsync(() => db.InTransactionAsync(async () =>
        {
            // Saves and workflow steps on one article take turns, so a save that raced another change sees it here
            // and is refused as stale, with the conflict page, instead of failing on the copy both read.
            await db.LockArticleAsync(articleId, cancellationToken);
            var article = await LoadAsync(articleId, cancellationToken);
            Permissions.Demand(Permissions.CanEdit(actor, ArticleAccess.Of(article)), "edit this article");
            if (article.Version != expectedVersion)
            {
                throw new EditConflictException(articleId, expectedVersion, article.Version);
            }

            var before = ArticlePlaces.Of(article);
            var now = time.GetUtcNow().UtcDateTime;
            var number = await ApplyAsync(actor, article, input, note, now, cancellationToken);
            article.Version++;
            if (alongside is null)
            {
                db.Record(now, actor, AuditActions.Saved, article.Id, SavedDetails(article.Headline, number, note));
            }
            else
            {
                alongside(article);
            }

            if (actor.StaffId is { } staffId)
            {
                await Autosaves.AutosaveRules.ForgetAsync(db, staffId, articleId, cancellationToken); // saved: nothing left to offer back
            }

            RaiseChanged(article, before);
            await db.SaveChangesAsync(cancellationToken);
            version = article.Version;
        }, cancellationToken));
        return version;
    }

    /// <summary>
    /// Saves what the editor's form held when a workflow button was pressed, inside the step's transaction, on the
    /// article the step has locked and loaded. Returns the revision it made, or null when the form changed nothing:
    /// the step is then taken on the article as it is, and no empty revision is stored. The step records the one
    /// audit entry, moves the version on and raises the one event.
    /// </summary>
    /// <exception cref="EditConflictException">
    /// The form differs from the stored article, and someone changed the article since the form was opened: saving
    /// it would undo their change unseen. (A form the same as the stored article acts on just what its person sees,
    /// however the version moved, as when an editor added a correction meanwhile.)
    /// </exception>
    /// <exception cref="ForbiddenException">The form changes the article and the actor may not edit it.</exception>
    internal async Task<SavedInStep?> SaveInStepAsync(Actor actor, Article article, ArticleEdit edit, CancellationToken cancellationToken)
    {
        var mayEdit = Permissions.CanEdit(actor, ArticleAccess.Of(article));
        var before = EditableContent.Of(article);
        var lastModified = article.LastModifiedAt;
        var now = time.GetUtcNow().UtcDateTime;
        var body = await bodyOptions.ForAsync(actor, article.BodyMarkdown, cancellationToken);
        await ArticleInputRules.ApplyAsync(db, markdown, body, article, edit.Input, edit.Note, now, cancellationToken);
        if (EditableContent.Of(article) == before)
        {
            article.LastModifiedAt = lastModified;
            return null;
        }

        Permissions.Demand(mayEdit, "edit this article");
        if (article.Version != edit.ExpectedVersion)
        {
            throw new EditConflictException(article.Id, edit.ExpectedVersion, article.Version);
        }

        var number = await StoreRevisionAsync(actor, article, edit.Note, now, before.Path, updatedAt: null, cancellationToken);
        return new SavedInStep(number, string.IsNullOrWhiteSpace(edit.Note) ? null : edit.Note.Trim());
    }

    /// <summary>Copies <paramref name="input"/> onto the article and stores the revision it makes; returns the revision's number.</summary>
    private async Task<int> ApplyAsync(Actor actor, Article article, ArticleInput input, string? note, DateTime now, CancellationToken cancellationToken)
    {
        var oldPath = CurrentPath(article);
        var body = await bodyOptions.ForAsync(actor, article.BodyMarkdown, cancellationToken);
        await ArticleInputRules.ApplyAsync(db, markdown, body, article, input, note, now, cancellationToken);
        return await StoreRevisionAsync(actor, article, note, now, oldPath, input.UpdatedAt, cancellationToken);
    }

    private async Task<int> StoreRevisionAsync(
        Actor actor, Article article, string? note, DateTime now, string? oldPath, DateTime? updatedAt, CancellationToken cancellationToken)
    {
        if (article.Status == ArticleStatus.Published)
        {
            article.UpdatedAt = updatedAt ?? now;
        }

        if (oldPath is not null && oldPath != CurrentPath(article))
        {
            await RedirectAsync(oldPath, article, cancellationToken);
        }

        var number = 1 + (await db.Revisions.Where(r => r.ArticleId == article.Id).MaxAsync(r => (int?)r.Number, cancellationToken) ?? 0);
        db.Revisions.Add(RevisionSnapshot.Of(article, number, actor, note, now));
        return number;
    }

    /// <summary>What the audit log says of a save: the headline, the revision it made and its note.</summary>
    internal static string SavedDetails(string headline, int revision, string? note) =>
        string.IsNullOrWhiteSpace(note) ? $"{headline} (revision {revision})" : $"{headline} (revision {revision}: {note.Trim()})";

    /// <summary>Deletes an article with its revisions, notes and live updates, as Ghost's Admin API deletes a post.</summary>
    /// <exception cref="ForbiddenException">The actor may not delete it (see <see cref="Permissions.CanDelete"/>).</exception>
    public async Task DeleteAsync(Actor actor, int articleId, CancellationToken cancellationToken = default) =>
        await db.InTransactionAsync(async () =>
        {
            await db.LockArticleAsync(articleId, cancellationToken);
            var article = await LoadAsync(articleId, cancellationToken);
            Permissions.Demand(Permissions.CanDelete(actor, ArticleAccess.Of(article)), "delete this article");
            var places = ArticlePlaces.Of(article);
            db.Articles.Remove(article);
            // The audit entry outlives the article, so it names it rather than pointing at it.
            db.Record(time.GetUtcNow().UtcDateTime, actor, AuditActions.Deleted, details: $"{article.Headline} (article {article.Id})");
            RaiseChanged(article, places);
            await db.SaveChangesAsync(cancellationToken);
        }, cancellationToken);

    internal async Task<Article> LoadAsync(int articleId, CancellationToken cancellationToken) =>
        await db.Articles.Include(a => a.Authors).Include(a => a.Tags).AsSplitQuery()
            .SingleOrDefaultAsync(a => a.Id == articleId, cancellationToken)
        ?? throw new NotFoundException($"There is no article {articleId}.");

    internal static string? CurrentPath(Article article) =>
        article.Status == ArticleStatus.Published && article.UrlDate is { } date ? ArticleUrls.PathFor(date, article.Slug) : null;

    private async Task RedirectAsync(string oldPath, Article article, CancellationToken cancellationToken)
    {
        var newPath = CurrentPath(article)!;
        db.ArticleRedirects.RemoveRange(await db.ArticleRedirects.Where(r => r.Path == newPath).ToListAsync(cancellationToken));
        if (!await db.ArticleRedirects.AnyAsync(r => r.Path == oldPath, cancellationToken))
        {
            db.ArticleRedirects.Add(new ArticleRedirect { Path = oldPath, ArticleId = article.Id });
        }
    }

    /// <summary>Raises <see cref="ArticleChanged"/> for the lists the article was on before the change and is on now.</summary>
    internal void RaiseChanged(Article article, ArticlePlaces before)
    {
        var after = ArticlePlaces.Of(article);
        db.Raise(new ArticleChanged(
            article.Id,
            before.SectionIds.Union(after.SectionIds).ToArray(),
            before.TagIds.Union(after.TagIds).ToArray(),
            before.AuthorIds.Union(after.AuthorIds).ToArray()));
    }
}

/// <summary>The lists an article appears on, captured before a change so both old and new lists are refreshed.</summary>
internal sealed record ArticlePlaces(int[] SectionIds, int[] TagIds, int[] AuthorIds)
{
    public static ArticlePlaces None { get; } = new([], [], []);

    public static ArticlePlaces Of(Article article) => new(
        article.SectionId is { } id ? [id] : [],
        article.Tags.Select(t => t.TagId).ToArray(),
        article.Authors.Select(a => a.StaffMemberId).ToArray());
}

/// <summary>A save was made over an older version than the one now stored; nothing was changed.</summary>
public sealed class EditConflictException(int articleId, int yourVersion, int currentVersion)
    : Exception($"Article {articleId} was saved by someone else (version {currentVersion}) after you opened version {yourVersion}.")
{
    public int ArticleId { get; } = articleId;
    public int YourVersion { get; } = yourVersion;
    public int CurrentVersion { get; } = currentVersion;
}
