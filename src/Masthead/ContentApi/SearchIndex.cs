using Masthead.Core.ContentApi;

namespace Masthead.ContentApi;

/// <summary>
/// Ghost's search-index endpoints, which its search widget (sodo-search) reads once to search in the browser: every
/// published post, author and tag with the few fields it searches and links, newest change first.
/// </summary>
internal static class SearchIndex
{
    /// <summary>As many as Ghost's index holds.</summary>
    public const int Limit = 10_000;

    private static readonly ContentRequest Everything = new(Limit: Limit);

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapMethods("/search-index/posts", ContentApiEndpoints.ReadMethods, (HttpContext context, ContentPostQueries queries) =>
            AnswerAsync(context, GhostResources.Posts, ["id", "slug", "title", "excerpt", "url", "updated_at", "visibility"],
                cancel => queries.BrowseAsync(Everything with { Order = [new("updated_at", true)] }, cancel)));
        api.MapMethods("/search-index/pages", ContentApiEndpoints.ReadMethods, (HttpContext context, ContentPageQueries queries) =>
            AnswerAsync(context, GhostResources.Pages, ["id", "slug", "title", "excerpt", "url", "updated_at", "visibility"],
                cancel => queries.BrowseAsync(Everything, cancel)));
        api.MapMethods("/search-index/authors", ContentApiEndpoints.ReadMethods, (HttpContext context, ContentAuthorQueries queries) =>
            AnswerAsync(context, GhostResources.Authors, ["id", "slug", "name", "url", "profile_image"], cancel => queries.BrowseAsync(Everything, cancel)));
        api.MapMethods("/search-index/tags", ContentApiEndpoints.ReadMethods, (HttpContext context, ContentTagQueries queries) =>
            AnswerAsync(context, GhostResources.Tags, ["id", "slug", "name", "url"], cancel => queries.BrowseAsync(Everything, cancel)));
    }

    private static Task AnswerAsync<T>(HttpContext context, GhostResource<T> resource, string[] fields, Func<CancellationToken, Task<ContentList<T>>> load) =>
        ContentApiEndpoints.AnswerAsync(context, resource, browse: true, async (output, cancel) =>
        {
            var list = await load(cancel);
            var index = ContentOutput.For(output.Request, fields, output.BaseUrl, output.Clock);
            return json => resource.WriteList(json, list, index);
        });
}
