namespace Masthead.Core.Search;

/// <summary>
/// Full-text search over published articles: headline, standfirst, body, tag names and author names. Each
/// database provider implements it over its own index (SQLite FTS5, PostgreSQL tsvector), kept in step with the
/// articles by the database itself, so an article leaves the results in the same commit that unpublishes it.
/// </summary>
public interface IArticleSearch
{
    /// <summary>
    /// One page of the articles matching every term of the query, best match or newest first, with the total.
    /// Only the first <see cref="SearchResults.MaxResults"/> results can be paged through; a page past them, or past
    /// the last result, has no hits. A provider may rank a query with more matches than that among a subset of them
    /// (it says which in its own summary), so that every search costs about the same.
    /// </summary>
    Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default);
}
