namespace Masthead.Core.EditorialNotes;

/// <summary>Who a thread of editorial notes waits on: the article's writers, or the editors.</summary>
public enum NoteAddressee
{
    /// <summary>Written by an editor (or anyone not writing the article): the writers answer.</summary>
    Writers,

    /// <summary>Written by one of the article's writers: an editor answers.</summary>
    Editors,
}

/// <summary>
/// A conversation between an article's writers and its editors, in the newsroom only: never on a reader's page, in a
/// feed or in an API. It waits on whoever did not write its latest note until someone resolves it.
/// </summary>
public sealed class EditorialThread
{
    public int Id { get; set; }
    public int ArticleId { get; set; }

    /// <summary>Started by an editor sending the article back to its writers: the first note says why.</summary>
    public bool SentBack { get; set; }

    public NoteAddressee AddressedTo { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime LastNoteAt { get; set; }
    public int? LastNoteById { get; set; }
    public DateTime? ResolvedAt { get; set; }
    public int? ResolvedById { get; set; }
    public string? ResolvedByName { get; set; }

    public List<EditorialNote> Notes { get; set; } = [];
}

/// <summary>One note in a thread, kept as written: plain text, shown as text.</summary>
public sealed class EditorialNote
{
    public const int MaxTextLength = 4000;

    public int Id { get; set; }
    public int ThreadId { get; set; }
    public int? AuthorId { get; set; }

    /// <summary>The author's name when they wrote it, as a revision keeps its saver's.</summary>
    public required string AuthorName { get; set; }

    public required string Text { get; set; }
    public DateTime WrittenAt { get; set; }
}
