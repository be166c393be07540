using Masthead.Core.Articles;

namespace Masthead.Site.Shared;

/// <summary>An article in a list. <see cref="HeadingLevel"/> keeps headings in order wherever the list sits.</summary>
public sealed record StoryCard(SitePage Page, ArticleSummary Article, int HeadingLevel = 3, bool ShowImage = false, bool ShowSection = true, bool Lead = false,
    ImageSlot? Slot = null)
{
    /// <summary>The lead story's image is the front page's largest and fetched first; others fill a grid or sit beside a list's text.</summary>
    public ImageSlot ImageSlot => Slot ?? (Lead ? ImageSlots.FrontLead : ImageSlots.GridCard);
}

/// <param name="Path">The list's first page; may carry a query string, to which ?page= or &amp;page= is added.</param>
public sealed record Pager(string Path, int PageNumber, int TotalPages, string PreviousLabel = "← Newer", string NextLabel = "Older →");
