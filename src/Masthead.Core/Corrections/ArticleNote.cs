namespace Masthead.Core.Corrections;

/// <summary>A dated note editors attach to a published article, in the open.</summary>
public sealed class ArticleNote
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public ArticleNoteKind Kind { get; set; }
    public required string Text { get; set; }
    public DateTime PublishedAt { get; set; }
    public int? AuthorId { get; set; }
}

public enum ArticleNoteKind
{
    Correction,
    Clarification,
    Update,
}
