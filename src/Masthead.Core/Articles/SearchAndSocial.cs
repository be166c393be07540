namespace Masthead.Core.Articles;

/// <summary>
/// How an article presents itself to search engines and social networks, where an editor wants it to differ from
/// what the page shows. Every field is optional: an empty one falls back to the headline, standfirst and lead image.
/// Stored in the article's own row.
/// </summary>
public sealed class SearchAndSocial
{
    public const int MaxSearchTitle = 120;
    public const int MaxDescription = 300;
    public const int MaxSocialTitle = 200;
    public const int MaxUrl = 2000;

    public string? SearchTitle { get; set; }
    public string? SearchDescription { get; set; }
    public string? SocialTitle { get; set; }
    public string? SocialDescription { get; set; }
    public string? SocialImageUrl { get; set; }

    /// <summary>The original's address, for a piece syndicated from elsewhere.</summary>
    public string? CanonicalUrl { get; set; }

    /// <summary>Asks search engines not to index the article (robots noindex), and leaves it out of the sitemaps.</summary>
    public bool HideFromSearchEngines { get; set; }

    public SearchAndSocialView ToView() =>
        new(SearchTitle, SearchDescription, SocialTitle, SocialDescription, SocialImageUrl, CanonicalUrl, HideFromSearchEngines);
}

/// <summary>An article's search and social overrides as they are read and written; null fields use the defaults.</summary>
public sealed record SearchAndSocialView(
    string? SearchTitle = null,
    string? SearchDescription = null,
    string? SocialTitle = null,
    string? SocialDescription = null,
    string? SocialImageUrl = null,
    string? CanonicalUrl = null,
    bool HideFromSearchEngines = false)
{
    public static SearchAndSocialView None { get; } = new();

    /// <summary>Whether search engines are asked to list the article at its own address: not hidden, and not a copy of a piece published elsewhere.</summary>
    public bool IsListed => !HideFromSearchEngines && CanonicalUrl is null;
}
