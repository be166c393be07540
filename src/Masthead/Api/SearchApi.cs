using System.Text.Json;
using Masthead.Core;
using Masthead.Core.Articles;
using Masthead.Core.Publication;
using Masthead.Core.Search;
using Masthead.Hosting;
using Masthead.Site;

namespace Masthead.Api;

/// <summary>
/// GET /api/search?q=&amp;sort=relevance|newest&amp;page=1&amp;limit=10: the reader search as JSON (camelCase),
/// with the same rules and results as the /search page. <c>total</c> counts every match; <c>pages</c> covers the
/// results that can be paged through (at most <see cref="SearchResults.MaxResults"/>). A query that cannot be
/// searched answers 400 with an RFC 7807 validation problem naming each bad parameter.
/// Responses carry <c>Cache-Control: no-store</c> and skip the output cache: queries are unbounded, so caching
/// them would only fill memory, and an unpublished article must leave every answer at once.
/// </summary>
public static class SearchApi
{
    /// <summary>Set here rather than taken from the app's defaults, so other APIs' settings never change this one's shape.</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/search", SearchAsync);
        return app;
    }

    private static async Task<IResult> SearchAsync(HttpContext context, IArticleSearch search, PublicationService publication, CancellationToken cancellationToken)
    {
        context.Response.Headers.CacheControl = "no-store";
        var query = context.Request.Query;
        SearchRequest request;
        try
        {
            request = SearchRequest.Parse(query["q"].FirstOrDefault(), query["sort"].FirstOrDefault(), query["page"].FirstOrDefault(), query["limit"].FirstOrDefault());
        }
        catch (ValidationException problems)
        {
            return TypedResults.ValidationProblem(
                problems.Problems.ToDictionary(p => p.Key, p => new[] { p.Value }),
                detail: problems.Message,
                title: "This search cannot be run");
        }

        var results = await search.SearchAsync(request, cancellationToken);
        var baseUrl = PublicAddress.BaseUrl(context.Request, await publication.GetAsync(cancellationToken));
        return TypedResults.Json(new SearchResponse(
            request.Query.Text,
            request.SortName,
            request.Page,
            results.Hits.TotalPages,
            results.Total,
            results.Hits.Items.Select(hit => Result(hit, baseUrl)).ToList()), Json);
    }

    private static SearchResultJson Result(SearchHit hit, string baseUrl)
    {
        var article = hit.Article;
        return new SearchResultJson(
            article.Id,
            hit.Uuid,
            article.Headline,
            ArticleUrls.Absolute(baseUrl, article.Path),
            article.Standfirst,
            hit.SnippetHtml,
            article.PublishedAt,
            article.Section is { } section ? new LinkJson(section.Name, ArticleUrls.Absolute(baseUrl, $"/section/{section.Slug}")) : null,
            article.Authors.Select(a => new LinkJson(a.Name, ArticleUrls.Absolute(baseUrl, $"/author/{a.Slug}"))).ToList());
    }

    internal sealed record SearchResponse(string Query, string Sort, int Page, int Pages, int Total, IReadOnlyList<SearchResultJson> Results);

    /// <param name="Snippet">HTML: the text is encoded; only &lt;mark&gt; elements around the matches are added.</param>
    internal sealed record SearchResultJson(
        int Id, Guid Uuid, string Headline, string Url, string Standfirst, string Snippet, DateTime PublishedAt, LinkJson? Section, IReadOnlyList<LinkJson> Authors);

    internal sealed record LinkJson(string Name, string Url);
}
