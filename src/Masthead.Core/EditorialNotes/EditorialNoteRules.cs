using Masthead.Core.Articles;
using Masthead.Core.Events;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;

namespace Masthead.Core.EditorialNotes;

/// <summary>Who a note is addressed to, what a note may say, and the thread sending an article back starts.</summary>
internal static class EditorialNoteRules
{
    /// <summary>The person started the article or is bylined on it.</summary>
    public static bool IsWriter(Article article, int? staffId) =>
        staffId is { } id && (article.CreatedById == id || article.Authors.Any(a => a.StaffMemberId == id));

    /// <summary>A writer's note waits on the editors; anyone else's on the writers.</summary>
    public static NoteAddressee AddresseeOf(Article article, Actor author) =>
        IsWriter(article, author.StaffId) ? NoteAddressee.Editors : NoteAddressee.Writers;

    /// <exception cref="ValidationException">The note is empty or too long.</exception>
    public static string Checked(string? text)
    {
        var trimmed = (text ?? "").Trim();
        if (trimmed.Length == 0)
        {
            throw ValidationException.For("Text", "Write the note first.");
        }

        if (trimmed.Length > EditorialNote.MaxTextLength)
        {
            throw ValidationException.For("Text", $"Keep a note to {EditorialNote.MaxTextLength:N0} characters; this one has {trimmed.Length:N0}.");
        }

        return trimmed;
    }

    /// <summary>Starts a thread on the unit of work: the first note, addressed as its author's role on the article says.</summary>
    public static EditorialThread Start(MastheadDb db, Article article, Actor author, string text, DateTime now, bool sentBack = false)
    {
        var thread = new EditorialThread
        {
            ArticleId = article.Id,
            SentBack = sentBack,
            AddressedTo = sentBack ? NoteAddressee.Writers : AddresseeOf(article, author),
            StartedAt = now,
            LastNoteAt = now,
            LastNoteById = author.StaffId,
            Notes = [new EditorialNote { AuthorId = author.StaffId, AuthorName = author.Name, Text = Checked(text), WrittenAt = now }],
        };
        db.EditorialThreads.Add(thread);
        return thread;
    }

    /// <summary>The note an editor sends an article back with: it waits on the writers.</summary>
    public static void StartSentBack(MastheadDb db, Article article, Actor editor, string text, DateTime now)
    {
        Start(db, article, editor, text, now, sentBack: true);
        db.Raise(new EditorialNotesChanged(article.Id));
    }
}
