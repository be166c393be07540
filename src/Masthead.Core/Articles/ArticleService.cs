using Masthead.Core.Audit;
using Masthead.Core.Events;
using Masthead.Core.Publishing;
using Masthead.Core.Revisions;
using Masthead.Core.Storage;
using Masthead.Core.Text;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Articles;

/// <summary>
/// Writes articles. Every save is one transaction that also stores a revision, refuses a stale copy, and raises
/// <see cref="ArticleChanged"/>.
/// </summary>
public sealed class ArticleService(
    MastheadDb db,
    MarkdownRenderer markdown,
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
            var article = new Article { Slug = "", Headline = "", CreatedAt = now, CreatedById = actor.StaffId };
            await ArticleInputRules.ApplyAsync(db, markdown, article, input, note, now, cancellationToken);
            await db.InTransactionAsync(async () =>
            {
                db.Articles.Add(article);
                await db.SaveChangesAsync(cancellationToken);
                db.Revisions.Add(RevisionSnapshot.Of(article, 1, actor, note ?? "Created", now));
                db.Record(now, actor, AuditActions.Created, article.Id, article.Headline);
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
            var oldPath = CurrentPath(article);
            var now = time.GetUtcNow().UtcDateTime;
            await ArticleInputRules.ApplyAsync(db, markdown, article, input, note, now, cancellationToken);
            if (article.Status == ArticleStatus.Published)
            {
                article.UpdatedAt = input.UpdatedAt ?? now;
            }

            if (oldPath is not null && oldPath != CurrentPath(article))
            {
                await RedirectAsync(oldPath, article, cancellationToken);
            }

            article.Version++;
            var number = await db.Revisions.Where(r => r.ArticleId == articleId).MaxAsync(r => (int?)r.Number, cancellationToken) ?? 0;
            db.Revisions.Add(RevisionSnapshot.Of(article, number + 1, actor, note, now));
            if (alongside is null)
            {
                db.Record(now, actor, AuditActions.Saved, article.Id, SavedDetails(article.Headline, number + 1, note));
            }
            else
            {
                alongside(article);
            }

            RaiseChanged(article, before);
            await db.SaveChangesAsync(cancellationToken);
            version = article.Version;
        }, cancellationToken));
        return version;
    }

    /// <summary>What the audit log says of a save: the headline, the revision it made and its note.</summary>
    private static string SavedDetails(string headline, int revision, string? note) =>
        string.IsNullOrWhiteSpace(note) ? $"{headline} (revision {revision})" : $"{headline} (revision {revision}: {note.Trim()})";

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
