using Masthead.Core.Sections;

namespace Masthead.Core.Articles;

public sealed class Article
{
    public const int MaxHeadlineLength = 300;
    public const int MaxStandfirstLength = 1000;
    public const int MaxBodyLength = 200_000;
    public const int MaxReviewCommentLength = 2000;
    public const int MaxTags = 50;
    public const int MaxBylines = 10;

    public int Id { get; set; }

    /// <summary>Never changes, whatever happens to the slug; feeds and the Content API identify the article by it.</summary>
    public Guid Uuid { get; set; } = Guid.NewGuid();

    public required string Slug { get; set; }
    public required string Headline { get; set; }
    public string Standfirst { get; set; } = "";
    public string BodyMarkdown { get; set; } = "";

    /// <summary>Rendered and sanitized from <see cref="BodyMarkdown"/> on every save, so reads never render.</summary>
    public string BodyHtml { get; set; } = "";

    /// <summary>The body as plain text, for search, excerpts and the Content API.</summary>
    public string BodyText { get; set; } = "";

    public int WordCount { get; set; }

    /// <summary>On the front page by an editor's choice (see FrontPageService, which alone sets it); the Content API's featured.</summary>
    public bool Featured { get; set; }
    public ArticleStatus Status { get; set; } = ArticleStatus.Draft;

    /// <summary>The date in the article's URL, fixed at first publication in the publication's time zone.</summary>
    public DateOnly? UrlDate { get; set; }

    public DateTime? PublishedAt { get; set; }

    /// <summary>The reader-facing "Updated" time; null until a published article is materially updated.</summary>
    public DateTime? UpdatedAt { get; set; }

    /// <summary>When a scheduled article goes live.</summary>
    public DateTime? ScheduledFor { get; set; }

    /// <summary>The editor's comment when a submitted piece is sent back to its writer.</summary>
    public string? ReviewComment { get; set; }

    /// <summary>The staff member who created the article; null for imports and the demo.</summary>
    public int? CreatedById { get; set; }

    /// <summary>The Admin API key that created the article, if one did: it may go on editing its drafts, as a writer may.</summary>
    public int? CreatedByKeyId { get; set; }

    /// <summary>Goes up by one on every save; a save of an older version is refused as a stale edit.</summary>
    public int Version { get; set; } = 1;

    public DateTime CreatedAt { get; set; }
    public DateTime LastModifiedAt { get; set; }

    public int? SectionId { get; set; }
    public Section? Section { get; set; }

    public LeadImage? LeadImage { get; set; }

    /// <summary>Whether this is a developing story with live updates, and whether coverage goes on.</summary>
    public Live.CoverageStatus Coverage { get; set; }

    public DateTime? CoverageStartedAt { get; set; }
    public DateTime? CoverageEndedAt { get; set; }
    public int? PinnedUpdateId { get; set; }

    /// <summary>A developing story's page lists its updates oldest first (a match report) instead of newest first.</summary>
    public bool LiveOldestFirst { get; set; }

    /// <summary>A developing story's page shows the article's own text before the updates instead of after them.</summary>
    public bool LiveTextFirst { get; set; }

    public SearchAndSocial SearchAndSocial { get; set; } = new();

    public List<ArticleAuthor> Authors { get; set; } = [];
    public List<ArticleTag> Tags { get; set; } = [];
}

public enum ArticleStatus
{
    Draft,
    InReview,
    Scheduled,
    Published,
    Unpublished,
}

public sealed class LeadImage
{
    public const int MaxAltLength = 500;
    public const int MaxCaptionLength = 1000;
    public const int MaxCreditLength = 300;

    public required string Url { get; set; }
    public string Alt { get; set; } = "";
    public string? Caption { get; set; }
    public string? Credit { get; set; }
}
