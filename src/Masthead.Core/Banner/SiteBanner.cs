namespace Masthead.Core.Banner;

/// <summary>
/// A site-wide banner an editor raised: a short label (BREAKING, LIVE), a line of text and, usually, a link to a story.
/// Rows are kept after the banner is lowered or expires, as its history; at most one is up at a time.
/// </summary>
public sealed class SiteBanner
{
    public const int MaxLabelLength = 20;
    public const int MaxTextLength = 160;

    public int Id { get; set; }
    public required string Label { get; set; }
    public required string Text { get; set; }

    /// <summary>The story it links to; a banner linking to a story comes down when the story is unpublished or its coverage ends.</summary>
    public int? ArticleId { get; set; }

    public DateTime RaisedAt { get; set; }
    public int? RaisedById { get; set; }
    public string RaisedByName { get; set; } = "";

    /// <summary>When it comes down by itself; null keeps it up until someone lowers it.</summary>
    public DateTime? ExpiresAt { get; set; }

    public DateTime? LoweredAt { get; set; }

    /// <summary>Who lowered it, or why it came down by itself ("coverage ended").</summary>
    public string? LoweredBy { get; set; }
}
