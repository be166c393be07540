using Masthead.Core.Sections;

namespace Masthead.Core.Articles;

public sealed class Article
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Headline { get; set; }
    public string Standfirst { get; set; } = "";
    public string BodyMarkdown { get; set; } = "";

    /// <summary>Rendered and sanitized from <see cref="BodyMarkdown"/> on every save, so reads never render.</summary>
    public string BodyHtml { get; set; } = "";

    public int WordCount { get; set; }
    public ArticleStatus Status { get; set; } = ArticleStatus.Draft;

    /// <summary>The date in the article's URL, fixed at first publication in the publication's time zone.</summary>
    public DateOnly? UrlDate { get; set; }

    public DateTime? PublishedAt { get; set; }

    /// <summary>The reader-facing "Updated" time; null until a published article is materially updated.</summary>
    public DateTime? UpdatedAt { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime LastModifiedAt { get; set; }

    public int? SectionId { get; set; }
    public Section? Section { get; set; }

    public LeadImage? LeadImage { get; set; }

    public List<ArticleAuthor> Authors { get; set; } = [];
    public List<ArticleTag> Tags { get; set; } = [];
}

public enum ArticleStatus
{
    Draft,
    Published,
}

public sealed class LeadImage
{
    public required string Url { get; set; }
    public string Alt { get; set; } = "";
    public string? Caption { get; set; }
    public string? Credit { get; set; }
}
