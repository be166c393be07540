namespace Masthead.Core.Revisions;

/// <summary>A complete copy of what an article said after one save: who saved it, when, and why.</summary>
public sealed class ArticleRevision
{
    public const int MaxNoteLength = 500;

    public int Id { get; set; }
    public int ArticleId { get; set; }

    /// <summary>1 for the first save of the article, then 2, 3...</summary>
    public int Number { get; set; }

    public DateTime SavedAt { get; set; }
    public int? SavedById { get; set; }
    public string SavedByName { get; set; } = "";
    public string? Note { get; set; }

    public required string Headline { get; set; }
    public required string Slug { get; set; }
    public string Standfirst { get; set; } = "";
    public string BodyMarkdown { get; set; } = "";
    public int? SectionId { get; set; }

    /// <summary>Tag ids, comma-separated.</summary>
    public string TagIds { get; set; } = "";

    /// <summary>Bylined staff ids in byline order, comma-separated.</summary>
    public string AuthorIds { get; set; } = "";

    public string? LeadImageUrl { get; set; }
    public string? LeadImageAlt { get; set; }
    public string? LeadImageCaption { get; set; }
    public string? LeadImageCredit { get; set; }
}
