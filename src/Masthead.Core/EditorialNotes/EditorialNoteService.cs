using Masthead.Core.Articles;
using Masthead.Core.Events;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.EditorialNotes;

public sealed record EditorialNoteView(int Id, int? AuthorId, string AuthorName, string Text, DateTime WrittenAt);

public sealed record EditorialThreadView(
    int Id, bool SentBack, NoteAddressee AddressedTo, DateTime? ResolvedAt, string? ResolvedByName, IReadOnlyList<EditorialNoteView> Notes)
{
    public bool IsResolved => ResolvedAt is not null;
}

/// <summary>An article with open threads waiting on someone: how many, and the newest note among them.</summary>
public sealed record NotesWaiting(int ArticleId, string Headline, int Threads, string LastAuthorName, string LastText, DateTime LastNoteAt);

/// <summary>Who sent an article back to its writers, when, and why: the first note of the newest thread that did.</summary>
public sealed record SentBackView(string EditorName, DateTime At, string Text, int ThreadId);

/// <summary>
/// The private notes between an article's writers and its editors: threads of notes, each answered, resolved and
/// reopened. Every staff member may read them (everyone in the newsroom can open every article); the article's
/// writers and the editors write them. Changes to one article take turns (<see cref="ArticleLock"/>).
/// </summary>
public sealed class EditorialNoteService(MastheadDb db, TimeProvider time)
{
    public async Task<IReadOnlyList<EditorialThreadView>> ForArticleAsync(int articleId, CancellationToken cancellationToken = default)
    {
        var threads = await db.EditorialThreads.AsNoTracking().Where(t => t.ArticleId == articleId)
            .OrderBy(t => t.StartedAt).ThenBy(t => t.Id)
            .Select(t => new
            {
                t.Id,
                t.SentBack,
                t.AddressedTo,
                t.ResolvedAt,
                t.ResolvedByName,
                Notes = t.Notes.OrderBy(n => n.WrittenAt).ThenBy(n => n.Id)
                    .Select(n => new EditorialNoteView(n.Id, n.AuthorId, n.AuthorName, n.Text, n.WrittenAt)).ToList(),
            })
            .AsSplitQuery().ToListAsync(cancellationToken);
        return threads.ConvertAll(t => new EditorialThreadView(t.Id, t.SentBack, t.AddressedTo, t.ResolvedAt, t.ResolvedByName, t.Notes));
    }

    /// <summary>The newest thread that sent the article back, for the "Sent back by" line; null if none did.</summary>
    public async Task<SentBackView?> LastSentBackAsync(int articleId, CancellationToken cancellationToken = default)
    {
        var threadId = await db.EditorialThreads.AsNoTracking().Where(t => t.ArticleId == articleId && t.SentBack)
            .OrderByDescending(t => t.StartedAt).ThenByDescending(t => t.Id).Select(t => (int?)t.Id).FirstOrDefaultAsync(cancellationToken);
        return threadId is not { } id ? null : await db.EditorialNotes.AsNoTracking().Where(n => n.ThreadId == id).OrderBy(n => n.Id)
            .Select(n => new SentBackView(n.AuthorName, n.WrittenAt, n.Text, id)).FirstAsync(cancellationToken);
    }

    /// <summary>
    /// The articles with open threads waiting on <paramref name="actor"/>, newest note first: threads addressed to the
    /// writers of an article they started or are bylined on, and, for editors, threads addressed to the editors; never a
    /// thread whose latest note is their own.
    /// </summary>
    public async Task<IReadOnlyList<NotesWaiting>> WaitingOnAsync(Actor actor, int limit = 10, CancellationToken cancellationToken = default)
    {
        var me = actor.StaffId;
        var editor = actor.IsAtLeast(People.NewsroomRole.Editor);
        var rows = await db.EditorialThreads.AsNoTracking()
            .Where(t => t.ResolvedAt == null && t.LastNoteById != me)
            .Join(db.Articles, t => t.ArticleId, a => a.Id, (t, a) => new { Thread = t, Article = a })
            .Where(x => (x.Thread.AddressedTo == NoteAddressee.Writers && (x.Article.CreatedById == me || x.Article.Authors.Any(b => b.StaffMemberId == me)))
                || (editor && x.Thread.AddressedTo == NoteAddressee.Editors))
            .OrderByDescending(x => x.Thread.LastNoteAt).ThenByDescending(x => x.Thread.Id)
            .Take(limit * 5)
            .Select(x => new
            {
                x.Article.Id,
                x.Article.Headline,
                x.Thread.LastNoteAt,
                Last = x.Thread.Notes.OrderByDescending(n => n.Id).Select(n => new { n.AuthorName, n.Text }).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.Id)
            .Select(g => new NotesWaiting(g.Key, g.First().Headline, g.Count(), g.First().Last?.AuthorName ?? "", g.First().Last?.Text ?? "", g.First().LastNoteAt))
            .Take(limit).ToList();
    }

    /// <summary>Starts a thread with its first note; returns the thread's id.</summary>
    public async Task<int> StartAsync(Actor actor, int articleId, string text, CancellationToken cancellationToken = default)
    {
        EditorialThread? thread = null;
        await ChangeAsync(actor, articleId, cancellationToken, (article, now) =>
        {
            thread = EditorialNoteRules.Start(db, article, actor, text, now);
            return Task.CompletedTask;
        });
        return thread!.Id;
    }

    /// <summary>Answers a thread; the thread then waits on the other side, and a resolved one is open again.</summary>
    public Task ReplyAsync(Actor actor, int articleId, int threadId, string text, CancellationToken cancellationToken = default) =>
        ChangeAsync(actor, articleId, cancellationToken, async (article, now) =>
        {
            var thread = await ThreadAsync(articleId, threadId, cancellationToken);
            thread.Notes.Add(new EditorialNote { AuthorId = actor.StaffId, AuthorName = actor.Name, Text = EditorialNoteRules.Checked(text), WrittenAt = now });
            thread.AddressedTo = EditorialNoteRules.AddresseeOf(article, actor);
            thread.LastNoteAt = now;
            thread.LastNoteById = actor.StaffId;
            thread.ResolvedAt = null;
            thread.ResolvedById = null;
            thread.ResolvedByName = null;
        });

    /// <summary>Marks a thread resolved; returns false, changing nothing, when it already was.</summary>
    public async Task<bool> ResolveAsync(Actor actor, int articleId, int threadId, CancellationToken cancellationToken = default)
    {
        var changed = false;
        await ChangeAsync(actor, articleId, cancellationToken, async (_, now) =>
        {
            var thread = await ThreadAsync(articleId, threadId, cancellationToken);
            if (thread.ResolvedAt is null)
            {
                (thread.ResolvedAt, thread.ResolvedById, thread.ResolvedByName, changed) = (now, actor.StaffId, actor.Name, true);
            }
        });
        return changed;
    }

    /// <summary>Opens a resolved thread again; returns false, changing nothing, when it was open.</summary>
    public async Task<bool> ReopenAsync(Actor actor, int articleId, int threadId, CancellationToken cancellationToken = default)
    {
        var changed = false;
        await ChangeAsync(actor, articleId, cancellationToken, async (_, _) =>
        {
            var thread = await ThreadAsync(articleId, threadId, cancellationToken);
            if (thread.ResolvedAt is not null)
            {
                (thread.ResolvedAt, thread.ResolvedById, thread.ResolvedByName, changed) = (null, null, null, true);
            }
        });
        return changed;
    }

    /// <summary>
    /// Locks the article, checks the actor may write notes on it, makes the change and tells the article's open editors.
    /// </summary>
    private Task ChangeAsync(Actor actor, int articleId, CancellationToken cancellationToken, Func<Article, DateTime, Task> change) =>
        db.InTransactionAsync(async () =>
        {
            await db.LockArticleAsync(articleId, cancellationToken);
            var article = await db.Articles.Include(a => a.Authors).SingleAsync(a => a.Id == articleId, cancellationToken);
            Permissions.Demand(Permissions.CanWriteEditorialNotes(actor, ArticleAccess.Of(article)), "write notes on this article");
            await change(article, time.GetUtcNow().UtcDateTime);
            db.Raise(new EditorialNotesChanged(articleId));
            await db.SaveChangesAsync(cancellationToken);
        }, cancellationToken);

    private async Task<EditorialThread> ThreadAsync(int articleId, int threadId, CancellationToken cancellationToken) =>
        await db.EditorialThreads.SingleOrDefaultAsync(t => t.Id == threadId && t.ArticleId == articleId, cancellationToken)
        ?? throw new NotFoundException($"Article {articleId} has no thread of notes {threadId}.");
}
