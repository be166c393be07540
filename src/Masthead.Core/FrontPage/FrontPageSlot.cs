using Masthead.Core.Articles;

namespace Masthead.Core.FrontPage;

/// <summary>
/// A story an editor put in one of the front page's slots (<see cref="FrontPageLayout"/>): slot 0 is the lead, the
/// others the top stories in order. A slot without a row fills with the latest story by itself.
/// </summary>
public sealed class FrontPageSlot
{
    public int Position { get; set; }
    public int ArticleId { get; set; }
    public Article? Article { get; set; }

    /// <summary>When the story leaves its slot by itself; null keeps it there until an editor changes it.</summary>
    public DateTime? PinnedUntil { get; set; }
}

/// <summary>A section's block on the front page: where it comes, whether it shows, and how many stories it holds.</summary>
public sealed class FrontPageBlock
{
    public int SectionId { get; set; }
    public Sections.Section? Section { get; set; }
    public int Position { get; set; }
    public bool Shown { get; set; } = true;
    public int StoryCount { get; set; } = FrontPageLayout.DefaultBlockStories;
}
