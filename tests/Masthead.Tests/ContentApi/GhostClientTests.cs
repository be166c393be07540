using System.Text.Json;
using Masthead.Core.Articles;
using Masthead.Core.Pages;
using Masthead.Core.Storage;
using Masthead.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.ContentApi;

/// <summary>Ghost's official JavaScript client, npm @tryghost/content-api, reading the demo publication (tests/tools/ghost-client.js).</summary>
public sealed class GhostClientTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private static string Script => Path.Combine(TestEnvironment.RepositoryRoot, "tests", "tools", "ghost-client.js");
    private static string Client => Path.Combine(TestEnvironment.RepositoryRoot, "tests", "tools", "node_modules", "@tryghost", "content-api");

    private MastheadServer Server => site.Server;

    [Fact]
    public async Task The_official_client_browses_paginates_reads_filters_and_includes_authors_and_tags()
    {
        TestEnvironment.Require(Directory.Exists(Client), "Ghost's Content API client is not installed: run `npm ci --prefix tests/tools` (.ci/run does).");
        var api = await ContentApiClient.WithNewKeyAsync(Server, "Ghost client");
        var baseUrl = Server.BaseAddress.ToString().TrimEnd('/');
        var published = await api.PublishedSlugsAsync();
        var first = await Server.InScopeAsync(s => s.GetRequiredService<ArticleQueries>().GetPublishedAsync(published[0]));
        var politics = await Server.InScopeAsync(s => s.GetRequiredService<MastheadDb>().Articles
            .Where(a => a.Status == ArticleStatus.Published && (a.Section!.Slug == "politics" || a.Tags.Any(t => t.Tag!.Slug == "politics")))
            .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id).Select(a => a.Slug).ToListAsync());
        var pages = await Server.InScopeAsync(s => s.GetRequiredService<StaticPageService>().ListAsync());

        using var result = JsonDocument.Parse(await NodeScript.RunAsync(Script, baseUrl, api.Key));
        var root = result.RootElement;

        var browse = root.GetProperty("browse");
        Assert.Equal(published.Count, browse.GetProperty("meta").GetProperty("pagination").GetProperty("total").GetInt32());
        var posts = browse.GetProperty("posts").EnumerateArray().ToList();
        Assert.Equal(published.Take(5), posts.Select(p => p.GetProperty("slug").GetString()));
        Assert.Equal(first!.Summary.Authors.Select(a => a.Slug), Strings(posts[0].GetProperty("authors")));
        Assert.Equal([first.Summary.Section!.Slug, .. first.Tags.Select(t => t.Slug)], Strings(posts[0].GetProperty("tags")));
        Assert.Equal(first.Summary.Section.Slug, posts[0].GetProperty("primary_tag").GetString());
        Assert.Equal(first.Summary.Authors[0].Slug, posts[0].GetProperty("primary_author").GetString());
        Assert.Equal(baseUrl + first.Path + "/", posts[0].GetProperty("url").GetString());
        Assert.True(posts[0].GetProperty("has_html").GetBoolean());

        Assert.Equal(published, Strings(root.GetProperty("paged")));
        Assert.Equal(published[0], root.GetProperty("bySlug").GetProperty("slug").GetString());
        Assert.Equal(Strings(posts[0].GetProperty("tags")), Strings(root.GetProperty("bySlug").GetProperty("tags")));
        Assert.Equal(published[1], root.GetProperty("byId").GetProperty("slug").GetString());
        Assert.Equal(politics, Strings(root.GetProperty("filtered")));

        Assert.Equal(11, root.GetProperty("authors").EnumerateArray()
            .Single(a => a.GetProperty("slug").GetString() == "tobias-wren")
            .GetProperty("posts").GetInt32()); // his bylines in the demo
        Assert.Equal(root.GetProperty("authors")[0].GetProperty("name").GetString(), root.GetProperty("author").GetString());
        Assert.Contains("politics", Strings(root.GetProperty("tags")));
        Assert.Contains("city-council", Strings(root.GetProperty("tags")));
        Assert.Equal("Politics", root.GetProperty("tag").GetString());
        Assert.Equal(pages.Select(p => p.Slug), Strings(root.GetProperty("pages")));
        Assert.Equal(pages[0].Title, root.GetProperty("page").GetString());
        Assert.Equal("The Larkmoor Lantern", root.GetProperty("settings").GetProperty("title").GetString());
        Assert.Equal(baseUrl + "/", root.GetProperty("settings").GetProperty("url").GetString());
        Assert.Equal(published.Take(2), Strings(root.GetProperty("legacy")));

        Assert.Equal(("NotFoundError", 404), Failure(root, "missing"));
        Assert.Equal(("UnauthorizedError", 401), Failure(root, "badKey"));
        Assert.Equal(("BadRequestError", 400), Failure(root, "badFilter"));
    }

    private static List<string> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToList();

    private static (string?, int) Failure(JsonElement root, string name) =>
        (root.GetProperty(name).GetProperty("name").GetString(), root.GetProperty(name).GetProperty("status").GetInt32());
}
