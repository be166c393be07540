using Masthead.Core.Articles;

namespace Masthead.Site.Shared;

/// <summary>An article in a list. <see cref="HeadingLevel"/> keeps headings in order wherever the list sits.</summary>
public sealed record StoryCard(SitePage Page, ArticleSummary Article, int HeadingLevel = 3, bool ShowImage = false, bool ShowSection = true, bool Lead = false);

/// <param name="Path">The list's first page; may carry a query string, to which ?page= or &amp;page= is added.</param>
public sealed record Pager(string Path, int PageNumber, int TotalPages, string PreviousLabel = "← Newer", string NextLabel = "Older →");
