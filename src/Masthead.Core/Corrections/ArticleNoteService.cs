using Masthead.Core.Articles;
using Masthead.Core.Audit;
using Masthead.Core.Events;
using Masthead.Core.Mail;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Corrections;

public sealed record ArticleNoteView(int Id, ArticleNoteKind Kind, string Text, DateTime PublishedAt);

/// <summary>A correction as the site-wide corrections page lists it.</summary>
public sealed record CorrectionListing(ArticleNoteView Note, string Headline, string Path);

/// <summary>Corrections, clarifications and updates on published articles: added by editors, shown to everyone.</summary>
public sealed class ArticleNoteService(MastheadDb db, NewsroomNotifications notifications, TimeProvider time)
{
    public const int MaxTextLength = 4000;

    /// <summary>
    /// Adds a note. Changes to one article take turns (<see cref="ArticleLock"/>), so two notes added at the same
    /// moment are both added, and one added as the article is unpublished is either added first or refused.
    /// </summary>
    public async Task<int> AddAsync(Actor actor, int articleId, ArticleNoteKind kind, string text, CancellationToken cancellationToken = default)
    {
        Permissions.Demand(Permissions.CanAddNotes(actor), "add corrections or notes to articles");
        text = (text ?? "").Trim();
        if (text.Length == 0 || text.Length > MaxTextLength)
        {
            throw ValidationException.For("Text", $"Write the note's text, at most {MaxTextLength:N0} characters.");
        }

        var note = new ArticleNote { ArticleId = articleId, Kind = kind, Text = text, AuthorId = actor.StaffId };
        await db.InTransactionAsync(async () =>
        {
            await db.LockArticleAsync(articleId, cancellationToken);
            var article = await db.Articles.Include(a => a.Authors).Include(a => a.Tags).AsSplitQuery()
                .SingleAsync(a => a.Id == articleId, cancellationToken);
            if (article.Status != ArticleStatus.Published)
            {
                throw new WorkflowException("Notes are added to published articles; this one is not published.");
            }

            var now = time.GetUtcNow().UtcDateTime;
            note.PublishedAt = now;
            db.ArticleNotes.Add(note);
            article.UpdatedAt = now;
            article.LastModifiedAt = now;
            article.Version++;
            db.Record(now, actor, AuditActions.Corrected, articleId, $"{kind}: {text}");
            db.Raise(new ArticleChanged(articleId, [.. article.SectionId is { } s ? [s] : Array.Empty<int>()], [.. article.Tags.Select(t => t.TagId)],
                [.. article.Authors.Select(a => a.StaffMemberId)]));
            await notifications.NoteAddedAsync(article, note, actor, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }, cancellationToken);
        return note.Id;
    }

    public Task<List<ArticleNoteView>> ForArticleAsync(int articleId, CancellationToken cancellationToken = default) =>
        db.ArticleNotes.AsNoTracking().Where(n => n.ArticleId == articleId)
            .OrderByDescending(n => n.PublishedAt).ThenByDescending(n => n.Id)
            .Select(n => new ArticleNoteView(n.Id, n.Kind, n.Text, n.PublishedAt))
            .ToListAsync(cancellationToken);

    /// <summary>Every correction on a published article, newest first.</summary>
    public async Task<Page<CorrectionListing>> CorrectionsAsync(int pageNumber, int pageSize, CancellationToken cancellationToken = default)
    {
        var query = db.ArticleNotes.AsNoTracking()
            .Where(n => n.Kind == ArticleNoteKind.Correction)
            .Join(db.Articles.Where(a => a.Status == ArticleStatus.Published && a.UrlDate != null), n => n.ArticleId, a => a.Id, (n, a) => new { n, a });
        var total = await query.CountAsync(cancellationToken);
        var skip = (pageNumber - 1) * pageSize;
        var rows = await query.OrderByDescending(x => x.n.PublishedAt).ThenByDescending(x => x.n.Id)
            .Skip(skip).Take(pageSize)
            .Select(x => new { x.n.Id, x.n.Kind, x.n.Text, x.n.PublishedAt, x.a.Headline, UrlDate = x.a.UrlDate!.Value, x.a.Slug })
            .ToListAsync(cancellationToken);
        var items = rows.ConvertAll(r => new CorrectionListing(new ArticleNoteView(r.Id, r.Kind, r.Text, r.PublishedAt), r.Headline, ArticleUrls.PathFor(r.UrlDate, r.Slug)));
        return new Page<CorrectionListing>(items, pageNumber, pageSize, total);
    }
}
