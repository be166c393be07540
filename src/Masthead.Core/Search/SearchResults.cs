using Masthead.Core.Articles;

namespace Masthead.Core.Search;

/// <summary>A published article that matched, with a passage of its text where the matches are marked.</summary>
/// <param name="SnippetHtml">Safe HTML: the text is encoded and only <c>&lt;mark&gt;</c> elements are added (see <see cref="SearchSnippet"/>).</param>
public sealed record SearchHit(ArticleSummary Article, Guid Uuid, string SnippetHtml);

/// <summary>One page of results.</summary>
/// <param name="Hits">This page; its total is the number of results a reader can page through, at most <see cref="MaxResults"/>.</param>
/// <param name="Total">Every published article that matches, however many.</param>
public sealed record SearchResults(SearchRequest Request, Page<SearchHit> Hits, int Total)
{
    /// <summary>
    /// A search shows at most this many results, whatever the sort: the 1,000 best or newest. Ranking a query that
    /// matches most of the archive costs in proportion to its matches, and no reader pages past a few dozen.
    /// </summary>
    public const int MaxResults = 1_000;

    /// <summary>More articles match than the reader can page through: a query worth narrowing.</summary>
    public bool IsCapped => Total > MaxResults;
}
