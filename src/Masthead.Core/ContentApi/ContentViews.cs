using Masthead.Core.Articles;
using Masthead.Core.Corrections;
using Masthead.Core.Live;

namespace Masthead.Core.ContentApi;

/// <summary>What the Content API may load besides an item's own columns.</summary>
[Flags]
public enum ContentIncludes
{
    None = 0,
    Authors = 1,
    Tags = 2,
    PostCounts = 4,
}

/// <summary>One ordering clause, such as <c>published_at desc</c>.</summary>
public sealed record ContentOrder(string Field, bool Descending);

/// <summary>A checked browse or read request: which items, in what order, which page, and what to load with them.</summary>
/// <param name="AnyStatus">Drafts, scheduled and unpublished articles too, as the Admin API lists them; else published ones only.</param>
/// <param name="Filter">The parsed NQL filter, or null for everything published.</param>
/// <param name="Order">Empty for the resource's default order.</param>
public sealed record ContentRequest(
    Nql.NqlNode? Filter = null,
    IReadOnlyList<ContentOrder>? Order = null,
    int Limit = ContentRequest.DefaultLimit,
    int Page = 1,
    ContentIncludes Include = ContentIncludes.None,
    bool Html = true,
    bool Plaintext = false,
    bool AnyStatus = false)
{
    public const int DefaultLimit = 15;

    /// <summary>Ghost 6 answers at most 100 items a page, and limit=all means 100 too.</summary>
    public const int MaxLimit = 100;

    /// <summary>The items before <see cref="Page"/>; a page beyond any possible item skips them all rather than overflow.</summary>
    public int Skip => (int)Math.Min((long)(Page - 1) * Limit, int.MaxValue);

    public bool Includes(ContentIncludes what) => (Include & what) == what;

    /// <summary>The slugs of a filter that is just slug:[c,a,b], with no order asked for: Ghost answers them in that order.</summary>
    public IReadOnlyList<string>? ListedSlugs => Order is { Count: > 0 } ? null
        : Filter is Nql.NqlComparison { Property: "slug", Operator: Nql.NqlOperator.In } list ? list.Values.Select(v => v.Text).ToList() : null;
}

/// <summary>One page of a browse, with what Ghost's meta.pagination reports.</summary>
public sealed record ContentList<T>(IReadOnlyList<T> Items, int Page, int Limit, int Total)
{
    public int Pages => Total == 0 ? 1 : (Total + Limit - 1) / Limit;
    public int? Next => Page < Pages ? Page + 1 : null;
    public int? Previous => Page > 1 ? Page - 1 : null;
}

/// <summary>A bylined staff member; <see cref="PostCount"/> only when count.posts was asked for.</summary>
public sealed record ContentAuthor(int Id, string Slug, string Name, string JobTitle, string Bio, string? PhotoUrl, int? PostCount = null)
{
    public string Path => "/author/" + Slug;
}

/// <summary>
/// A Ghost tag. Ghost has only tags, so a section is offered as a tag too: the article's section is its primary tag
/// and comes first. Section ids are "section-{id}" so they never collide with tag ids; a tag with the same slug as a
/// section is the section.
/// </summary>
public sealed record ContentTag(string Id, string Slug, string Name, string Description, bool IsSection, int? PostCount = null)
{
    public const string SectionIdPrefix = "section-";

    public static string SectionId(int id) => SectionIdPrefix + id;

    public static string TagId(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A developing story's coverage, with its updates newest first.</summary>
/// <param name="Updates">Newest first: all of them when one post is read, the newest <see cref="ContentPostQueries.UpdatesInLists"/> in a list.</param>
/// <param name="UpdateCount">How many updates the story has in all.</param>
public sealed record ContentLive(CoverageStatus Status, DateTime? StartedAt, DateTime? EndedAt, int? PinnedUpdateId, IReadOnlyList<LiveUpdateView> Updates, int UpdateCount);

/// <summary>A published article, or a static page (<see cref="IsPage"/>), as Ghost's posts and pages show it.</summary>
/// <param name="AutoExcerpt">The first 500 characters of the body text, when there is no standfirst.</param>
/// <param name="Authors">Null unless authors were included.</param>
/// <param name="Tags">Null unless tags were included; the section first.</param>
/// <param name="Live">Null unless the article is or was a developing story.</param>
public sealed record ContentPost(
    int Id,
    Guid Uuid,
    string Slug,
    string Title,
    string? Html,
    string? Plaintext,
    string Standfirst,
    string? AutoExcerpt,
    int WordCount,
    bool Featured,
    DateOnly? UrlDate,
    DateTime? PublishedAt,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    LeadImageView? Image,
    IReadOnlyList<ContentAuthor>? Authors,
    IReadOnlyList<ContentTag>? Tags,
    IReadOnlyList<ArticleNoteView> Notes,
    ContentLive? Live,
    bool IsPage = false,
    ArticleStatus Status = ArticleStatus.Published)
{
    /// <summary>Page ids are "page-{id}", so they never meet a post's: Ghost's posts and pages share one table of ids.</summary>
    public const string PageIdPrefix = "page-";

    /// <summary>A draft has no address yet; its Ghost-shaped one is /p/{uuid}, as Ghost gives a draft's preview.</summary>
    public string Path => IsPage ? "/" + Slug : UrlDate is { } date ? ArticleUrls.PathFor(date, Slug) : "/p/" + Uuid;

    public string GhostId => IsPage ? PageIdPrefix + Id.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>At 230 words a minute, never less than one, as the article page says.</summary>
    public int ReadingMinutes => Math.Max(1, (int)Math.Round(WordCount / 230.0));
}
