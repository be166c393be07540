using System.Net;
using System.Text.Json;
using Masthead.Testing;
using static Masthead.Tests.Search.SearchSteps;

namespace Masthead.Tests.Search;

/// <summary>Whatever a reader types, the answer is results or a clear message, never a 500 and never FTS5 syntax.</summary>
public sealed class SearchQueryErrorTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>, IAsyncLifetime
{
    private const string Minutes = "Search syntax in the council minutes";

    private MastheadServer Server => site.Server;

    /// <summary>An article with the words the syntax below is made of, so searching them as words finds something.</summary>
    public async ValueTask InitializeAsync()
    {
        if ((await SearchAsync(Server, $"\"{Minutes}\"")).GetProperty("total").GetInt32() == 0)
        {
            await PublishAsync(Server, Minutes, body: "The clerk's notes read: near council budget item 2; a headline council motion under the "
                + "Headline Body council rule; a DROP TABLE Articles joke; a path, c:\\windows\\system32; a typo, counc-il; and clauses ⅷ and ⅸ.");
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public static TheoryData<string, string> BadQueries => new()
    {
        { "", "Type a word or a phrase" },
        { "    ", "Type a word or a phrase" },
        { new string('x', 201), "at most 200 characters" },
        { "\"\" AND OR - *", "at least one word" },
        { "\"city hall", "missing its closing quotation mark" },
        { "budget \"city hall", "missing its closing quotation mark" },
        { "bu*", "at least 3 letters" },
    };

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task A_bad_query_gets_a_400_problem_from_the_api(string query, string message)
    {
        using var response = await Server.Client.GetAsync(ApiPath(query));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Contains(message, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains(message, problem.GetProperty("errors").GetProperty("q")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task A_bad_query_is_explained_on_the_search_page_with_status_400(string query, string message)
    {
        var page = await Server.GetDocumentAsync(PagePath(query), expectedStatus: 400);

        var error = page.QuerySelector("main [role=alert]#search-error")!;
        Assert.Contains(message, error.TextContent, StringComparison.Ordinal);
        var input = page.QuerySelector("main input[name=q]")!;
        Assert.Equal(query.Trim(), input.GetAttribute("value"));
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
        Assert.Contains("search-error", input.GetAttribute("aria-describedby")!, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll(".search-result"));
        Assert.Equal("Search - The Larkmoor Lantern", page.Title);
    }

    /// <summary>Each query as typed, and the same words typed plainly: both must find the same articles.</summary>
    [Theory]
    [InlineData("NEAR(council budget, 2)", "\"NEAR council\" budget 2")]
    [InlineData("Headline:council", "\"Headline council\"")]
    [InlineData("{Headline Body}: council", "Headline Body council")]
    [InlineData("^council", "council")]
    [InlineData("council*", "council")] // no word in these articles begins with "council" but council itself
    [InlineData("council)", "council")]
    [InlineData("(council OR", "council")]
    [InlineData("council AND", "council")]
    [InlineData("NOT council", "council")]
    [InlineData("'; DROP TABLE Articles; --", "DROP TABLE Articles")]
    [InlineData("c:\\windows\\system32", "\"c windows system32\"")]
    [InlineData("\"\"\"\"council\"\"\"\"", "council")]
    [InlineData("@#$%^&* council !!", "council")]
    [InlineData("🦊 council 🦊", "council")]
    [InlineData("counc\u0000il", "\"counc il\"")]
    [InlineData("ⅷ ⅸ council", "council ⅸ ⅷ")]
    public async Task Search_syntax_of_any_kind_is_searched_as_words_and_never_fails(string query, string words)
    {
        var found = await IdsAsync(Server, query, limit: 50);

        Assert.NotEmpty(found);
        Assert.Equal(await IdsAsync(Server, words, limit: 50), found);
        await Server.GetDocumentAsync(PagePath(query));
    }

    [Fact]
    public async Task Operators_and_punctuation_do_not_change_what_the_words_find()
    {
        var plain = await IdsAsync(Server, "council budget");

        Assert.NotEmpty(plain);
        Assert.Equal(plain, await IdsAsync(Server, "council AND budget"));
        Assert.Equal(plain, await IdsAsync(Server, "(council) +budget!"));
        Assert.Equal(plain, await IdsAsync(Server, "Council, BUDGET."));
    }

    [Fact]
    public async Task Bad_sort_page_and_limit_are_each_named_in_the_problem()
    {
        using var response = await Server.Client.GetAsync("/api/search?q=council&sort=oldest&page=zero&limit=500");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Equal(["limit", "page", "sort"], errors.EnumerateObject().Select(e => e.Name).Order());
        Assert.Contains("relevance or newest", errors.GetProperty("sort")[0].GetString(), StringComparison.Ordinal);

        await Server.GetDocumentAsync("/search?q=council&sort=oldest", expectedStatus: 400);
        await Server.GetDocumentAsync("/search?q=council&page=0", expectedStatus: 400);
    }
}
