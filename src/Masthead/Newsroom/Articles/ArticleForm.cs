using Masthead.Core.Articles;

namespace Masthead.Newsroom.Articles;

/// <summary>The editor form as posted: what a person typed, kept as typed so a refused save loses nothing.</summary>
public sealed class ArticleForm
{
    public const int BylineSlots = 4;

    /// <summary>Room for a handful of new tag names, separated by commas.</summary>
    public const int MaxNewTagsLength = 1000;

    public string? Headline { get; set; }
    public string? Slug { get; set; }
    public string? Standfirst { get; set; }
    public string? BodyMarkdown { get; set; }
    public int? SectionId { get; set; }
    public List<int> TagIds { get; set; } = [];

    /// <summary>Names of tags to create on save, comma-separated (editors only).</summary>
    public string? NewTags { get; set; }

    /// <summary>One entry per byline select, in byline order; empty selects are null.</summary>
    public List<int?> AuthorIds { get; set; } = [];

    public string? LeadImageUrl { get; set; }
    public string? LeadImageAlt { get; set; }
    public string? LeadImageCaption { get; set; }
    public string? LeadImageCredit { get; set; }

    public string? SearchTitle { get; set; }
    public string? SearchDescription { get; set; }
    public string? SocialTitle { get; set; }
    public string? SocialDescription { get; set; }
    public string? SocialImageUrl { get; set; }
    public string? CanonicalUrl { get; set; }
    public bool HideFromSearchEngines { get; set; }

    /// <summary>Why this save was made, stored with the revision.</summary>
    public string? Note { get; set; }

    /// <summary>The version the person opened; a save over any other version is a stale edit.</summary>
    public int Version { get; set; }

    public int? BylineAt(int slot) => slot < AuthorIds.Count ? AuthorIds[slot] : null;

    public IEnumerable<string> NewTagNames() =>
        (NewTags ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.OrdinalIgnoreCase);

    public ArticleInput ToInput() => new()
    {
        Headline = Headline ?? "",
        Slug = Slug,
        Standfirst = Standfirst ?? "",
        BodyMarkdown = (BodyMarkdown ?? "").ReplaceLineEndings("\n"),
        SectionId = SectionId,
        TagIds = TagIds.Distinct().ToList(),
        AuthorIds = AuthorIds.OfType<int>().ToList(),
        LeadImage = string.IsNullOrWhiteSpace(LeadImageUrl)
            ? null
            : new LeadImageView(LeadImageUrl.Trim(), LeadImageAlt ?? "", Blank(LeadImageCaption), Blank(LeadImageCredit)),
        SearchAndSocial = new SearchAndSocialView(SearchTitle, SearchDescription, SocialTitle, SocialDescription, SocialImageUrl, CanonicalUrl, HideFromSearchEngines),
    };

    public static ArticleForm From(ArticleDraft draft) => new()
    {
        Headline = draft.Headline,
        Slug = draft.Slug,
        Standfirst = draft.Standfirst,
        BodyMarkdown = draft.BodyMarkdown,
        SectionId = draft.SectionId,
        TagIds = draft.TagIds.ToList(),
        AuthorIds = draft.AuthorIds.Select(id => (int?)id).ToList(),
        LeadImageUrl = draft.LeadImage?.Url,
        LeadImageAlt = draft.LeadImage?.Alt,
        LeadImageCaption = draft.LeadImage?.Caption,
        LeadImageCredit = draft.LeadImage?.Credit,
        SearchTitle = draft.SearchAndSocial?.SearchTitle,
        SearchDescription = draft.SearchAndSocial?.SearchDescription,
        SocialTitle = draft.SearchAndSocial?.SocialTitle,
        SocialDescription = draft.SearchAndSocial?.SocialDescription,
        SocialImageUrl = draft.SearchAndSocial?.SocialImageUrl,
        CanonicalUrl = draft.SearchAndSocial?.CanonicalUrl,
        HideFromSearchEngines = draft.SearchAndSocial?.HideFromSearchEngines ?? false,
        Version = draft.Version,
    };

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
