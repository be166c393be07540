using Masthead.Caching;
using Masthead.Core;
using Masthead.Core.Search;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Site.Search;

/// <summary>
/// /search?q=...&amp;sort=relevance|newest&amp;page=N: the reader search, server-rendered. Without q it is just the
/// form; a query that cannot be searched shows why in the page with status 400. Never cached: see
/// <see cref="Api.SearchApi"/>. Never indexed by search engines.
/// </summary>
[UncachedPage]
public sealed class SearchPage(IArticleSearch search) : SitePage
{
    public const string Path = "/search";

    /// <summary>What the reader typed, to show back in the form.</summary>
    public string Query { get; private set; } = "";

    public SearchSort Sort { get; private set; }

    /// <summary>Why the query cannot be searched, when it cannot.</summary>
    public string? Problem { get; private set; }

    public SearchResults? Results { get; private set; }

    /// <summary>This search's address, without the page number: what the pager adds pages to.</summary>
    public string ResultsPath => Sort == SearchSort.Relevance
        ? $"{Path}?q={Uri.EscapeDataString(Query)}"
        : $"{Path}?q={Uri.EscapeDataString(Query)}&sort=newest";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        Meta.NoIndex = true;
        Meta.Title = TitleFor("Search");
        Meta.Stylesheets.Add("/css/search.css");
        Meta.Description = $"Search the articles of {Publication.Name}.";
        var query = Request.Query;
        if (query["q"].Count == 0)
        {
            return Page();
        }

        Query = query["q"].FirstOrDefault()?.Trim() ?? "";
        Sort = string.Equals(query["sort"].FirstOrDefault(), "newest", StringComparison.OrdinalIgnoreCase) ? SearchSort.Newest : SearchSort.Relevance;
        SearchRequest request;
        try
        {
            request = SearchRequest.Parse(Query, query["sort"].FirstOrDefault(), query["page"].FirstOrDefault(), limit: null);
        }
        catch (ValidationException problems)
        {
            Problem = problems.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Results = await search.SearchAsync(request, cancellationToken);
        if (request.Page > Results.Hits.TotalPages)
        {
            return PageNotFound();
        }

        Meta.Title = TitleFor(request.Page > 1 ? $"Search: {Query} (page {request.Page})" : $"Search: {Query}");
        return Page();
    }
}
