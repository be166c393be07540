using System.Text.Json;
using Masthead.Core.People;
using Masthead.Testing;

namespace Masthead.Tests.ContentApi;

/// <summary>Ghost's official JavaScript Admin API client, npm @tryghost/admin-api, writing to the demo publication (tests/tools/ghost-admin-client.js).</summary>
public sealed class GhostAdminClientTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private static string Script => Path.Combine(TestEnvironment.RepositoryRoot, "tests", "tools", "ghost-admin-client.js");
    private static string Client => Path.Combine(TestEnvironment.RepositoryRoot, "tests", "tools", "node_modules", "@tryghost", "admin-api");

    [Fact]
    public async Task The_official_client_adds_a_post_in_html_uploads_an_image_edits_publishes_and_deletes_then_adds_edits_and_deletes_a_page()
    {
        TestEnvironment.Require(Directory.Exists(Client), "Ghost's Admin API client is not installed: run `npm ci --prefix tests/tools` (.ci/run does).");
        var api = await AdminApiClient.WithNewKeyAsync(site.Server, NewsroomRole.Editor, "Ghost admin client");
        var image = Path.Combine(Path.GetTempPath(), $"admin-client-{Guid.NewGuid():N}.jpg");
        await File.WriteAllBytesAsync(image, Media.TestImages.Photo(800, 600, 1));
        var pagesApi = await AdminApiClient.WithNewKeyAsync(site.Server, NewsroomRole.Administrator, "Ghost admin client, pages");
        var baseUrl = site.Server.BaseAddress.ToString().TrimEnd('/');

        using var result = JsonDocument.Parse(await NodeScript.RunAsync(Script, baseUrl, api.Key, image, pagesApi.Key));
        File.Delete(image);
        var root = result.RootElement;

        Assert.Equal("draft", root.GetProperty("added").GetProperty("status").GetString());
        Assert.Contains("<em>HTML</em>", root.GetProperty("added").GetProperty("html").GetString());
        Assert.Contains("admin-api", root.GetProperty("added").GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        var uploaded = root.GetProperty("image").GetProperty("url").GetString()!;
        Assert.StartsWith(baseUrl + "/media/", uploaded);
        Assert.Equal("lead", root.GetProperty("image").GetProperty("ref").GetString());
        using var served = await site.Server.Client.GetAsync(uploaded);
        Assert.True(served.IsSuccessStatusCode, $"{uploaded} answered {(int)served.StatusCode}");
        Assert.Equal("From the Admin API, edited", root.GetProperty("edited").GetProperty("title").GetString());
        Assert.Equal(uploaded, root.GetProperty("edited").GetProperty("feature_image").GetString());
        Assert.Equal("published", root.GetProperty("published").GetProperty("status").GetString());
        Assert.Equal("published", root.GetProperty("read").GetProperty("status").GetString());
        Assert.Equal("NotFoundError", root.GetProperty("afterDelete").GetString());
        Assert.Equal("The Larkmoor Lantern", root.GetProperty("site").GetString());
        Assert.Equal("published", root.GetProperty("page").GetProperty("status").GetString());
        Assert.Equal("about-the-admin-api", root.GetProperty("page").GetProperty("slug").GetString());
        Assert.Contains("<strong>HTML</strong>", root.GetProperty("page").GetProperty("html").GetString());
        Assert.Equal("About the Admin API, edited", root.GetProperty("editedPage").GetProperty("title").GetString());
        Assert.Contains("<strong>HTML</strong>", root.GetProperty("editedPage").GetProperty("html").GetString());
        Assert.Equal("NotFoundError", root.GetProperty("afterPageDelete").GetString());
    }
}
