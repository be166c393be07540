namespace Masthead.Core.Articles;

public sealed record SectionRef(int Id, string Slug, string Name);

public sealed record TagRef(int Id, string Slug, string Name);

/// <summary>A bylined staff member as a byline and author box show them.</summary>
public sealed record Byline(int Id, string Slug, string Name, string JobTitle, string? PhotoUrl, string Bio);

public sealed record LeadImageView(string Url, string Alt, string? Caption, string? Credit);

/// <summary>An article as lists show it.</summary>
public sealed record ArticleSummary(
    int Id,
    string Slug,
    DateOnly UrlDate,
    string Headline,
    string Standfirst,
    DateTime PublishedAt,
    DateTime? UpdatedAt,
    SectionRef? Section,
    IReadOnlyList<Byline> Authors,
    LeadImageView? LeadImage,
    Live.CoverageStatus Coverage = Live.CoverageStatus.None,
    DateTime? CoverageEndedAt = null)
{
    public string Path => ArticleUrls.PathFor(UrlDate, Slug);
    public bool IsLive => Coverage == Live.CoverageStatus.Live;
}

/// <summary>A published article as its own page shows it.</summary>
public sealed record ArticleView(
    ArticleSummary Summary,
    string BodyHtml,
    int WordCount,
    IReadOnlyList<TagRef> Tags,
    DateTime LastModifiedAt,
    IReadOnlyList<Corrections.ArticleNoteView> Notes,
    SearchAndSocialView? SearchAndSocial = null)
{
    public SearchAndSocialView Overrides => SearchAndSocial ?? SearchAndSocialView.None;

    public int Id => Summary.Id;
    public string Path => Summary.Path;

    /// <summary>
    /// The later of the last update and the newest note: what structured data calls dateModified. A developing
    /// story also changes with each live update, edit, deletion and pin, which all set LastModifiedAt.
    /// </summary>
    public DateTime ModifiedAt => new[]
    {
        Summary.UpdatedAt ?? Summary.PublishedAt,
        Notes.Count > 0 ? Notes[0].PublishedAt : Summary.PublishedAt,
        Summary.Coverage == Live.CoverageStatus.None ? Summary.PublishedAt : LastModifiedAt,
    }.Max();

    /// <summary>At 230 words a minute, never less than one.</summary>
    public int ReadingMinutes => Math.Max(1, (int)Math.Round(WordCount / 230.0));
}

/// <summary>What a feed item carries beyond the summary.</summary>
public sealed record ArticleContent(Guid Uuid, string BodyHtml, IReadOnlyList<TagRef> Tags);

public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int TotalCount)
{
    public int TotalPages => TotalCount == 0 ? 1 : (TotalCount + PageSize - 1) / PageSize;
    public bool HasPrevious => PageNumber > 1;
    public bool HasNext => PageNumber < TotalPages;
}

/// <summary>Which published articles a list holds; at most one of the three is set.</summary>
public sealed record ArticleFilter(int? SectionId = null, int? TagId = null, int? AuthorId = null)
{
    public static ArticleFilter All { get; } = new();
}

/// <summary>What the front page is made from: the newest articles, the ones editors chose, and the newest of each section.</summary>
public sealed record FrontPageCandidates(
    IReadOnlyList<ArticleSummary> Newest,
    IReadOnlyDictionary<int, ArticleSummary> Chosen,
    IReadOnlyDictionary<int, IReadOnlyList<ArticleSummary>> BySection);
