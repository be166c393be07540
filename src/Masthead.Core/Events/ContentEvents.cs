namespace Masthead.Core.Events;

/// <summary>An article was created, edited, published or unpublished; lists the pages it appears on, before and after.</summary>
public sealed record ArticleChanged(
    int ArticleId,
    IReadOnlyCollection<int> SectionIds,
    IReadOnlyCollection<int> TagIds,
    IReadOnlyCollection<int> AuthorIds);

/// <summary>Publication settings, a section, a tag or a staff profile changed: every page may show it.</summary>
public sealed record SiteChanged(string What);

/// <summary>A correction was added: the site-wide corrections page changes.</summary>
public sealed record CorrectionsChanged;
