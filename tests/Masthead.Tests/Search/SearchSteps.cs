using System.Text.Json;
using Masthead.Core.Articles;
using Masthead.Core.People;
using Masthead.Core.Publishing;
using Masthead.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Search;

/// <summary>Publishing articles through Core and searching over HTTP, as the search tests need it.</summary>
internal static class SearchSteps
{
    /// <summary>Creates and publishes an article; the byline defaults to the first active staff member.</summary>
    public static Task<int> PublishAsync(MastheadServer server, string headline, string body = "", string standfirst = "",
        IReadOnlyList<int>? tagIds = null, IReadOnlyList<int>? authorIds = null, DateTime? publishedAt = null) =>
        server.InScopeAsync(async services =>
        {
            var id = await CreateAsync(services, headline, body, standfirst, tagIds, authorIds);
            await services.GetRequiredService<PublishingService>().PublishAsync(Actor.System, id, publishedAt ?? DateTime.UtcNow.AddSeconds(-5));
            return id;
        });

    /// <summary>Creates an article and leaves it a draft.</summary>
    public static Task<int> DraftAsync(MastheadServer server, string headline, string body = "") =>
        server.InScopeAsync(services => CreateAsync(services, headline, body, "", null, null));

    /// <summary>GET /api/search; asserts 200 and returns the parsed body.</summary>
    public static async Task<JsonElement> SearchAsync(MastheadServer server, string query, string? sort = null, int? page = null, int? limit = null)
    {
        using var response = await server.Client.GetAsync(ApiPath(query, sort, page, limit));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {ApiPath(query, sort, page, limit)} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    /// <summary>The ids of the results, in order.</summary>
    public static async Task<List<int>> IdsAsync(MastheadServer server, string query, string? sort = null, int? page = null, int? limit = null) =>
        (await SearchAsync(server, query, sort, page, limit)).GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetInt32()).ToList();

    public static string ApiPath(string query, string? sort = null, int? page = null, int? limit = null) =>
        "/api/search?q=" + Uri.EscapeDataString(query)
        + (sort is null ? "" : "&sort=" + sort)
        + (page is null ? "" : $"&page={page}")
        + (limit is null ? "" : $"&limit={limit}");

    public static string PagePath(string query, string? sort = null, int? page = null) =>
        "/search?q=" + Uri.EscapeDataString(query) + (sort is null ? "" : "&sort=" + sort) + (page is null ? "" : $"&page={page}");

    private static async Task<int> CreateAsync(IServiceProvider services, string headline, string body, string standfirst, IReadOnlyList<int>? tagIds,
        IReadOnlyList<int>? authorIds)
    {
        authorIds ??= [(await services.GetRequiredService<StaffService>().ListActiveAsync()).First().Id];
        return await services.GetRequiredService<ArticleService>().CreateAsync(Actor.System, new ArticleInput
        {
            Headline = headline,
            Standfirst = standfirst,
            BodyMarkdown = body,
            AuthorIds = authorIds,
            TagIds = tagIds ?? [],
        });
    }
}
