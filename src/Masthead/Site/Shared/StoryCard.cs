using Masthead.Core.Articles;

namespace Masthead.Site.Shared;

/// <summary>An article in a list. <see cref="HeadingLevel"/> keeps headings in order wherever the list sits.</summary>
public sealed record StoryCard(SitePage Page, ArticleSummary Article, int HeadingLevel = 3, bool ShowImage = false, bool ShowSection = true, bool Lead = false);

public sealed record Pager(string Path, int PageNumber, int TotalPages);
