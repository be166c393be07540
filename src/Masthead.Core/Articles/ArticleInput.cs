namespace Masthead.Core.Articles;

/// <summary>What a person writes into an article. An empty slug is derived from the headline.</summary>
public sealed record ArticleInput
{
    public required string Headline { get; init; }
    public string? Slug { get; init; }
    public string Standfirst { get; init; } = "";
    public string BodyMarkdown { get; init; } = "";
    public int? SectionId { get; init; }
    public IReadOnlyList<int> TagIds { get; init; } = [];

    /// <summary>Bylined staff in byline order.</summary>
    public IReadOnlyList<int> AuthorIds { get; init; } = [];

    public LeadImageView? LeadImage { get; init; }

    /// <summary>Search and social overrides; null keeps the article's current ones.</summary>
    public SearchAndSocialView? SearchAndSocial { get; init; }

    /// <summary>When set on a published article, shows readers an "Updated" note at this time.</summary>
    public DateTime? UpdatedAt { get; init; }
}
