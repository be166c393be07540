using System.Net;
using Masthead.Testing;
using Masthead.Tests.Newsroom;

namespace Masthead.Tests.Site;

/// <summary>A tag that only drafts carry is not named anywhere public until an article with it is published.</summary>
public sealed class DraftTagTests
{
    private static readonly string[] Paths = ["/tag/embargoed-merger", "/tag/embargoed-merger/feed.xml", "/tag/embargoed-merger/feed.atom", "/tag/embargoed-merger/feed.json"];

    [Fact]
    public async Task Its_page_and_feeds_answer_404_until_it_has_published_work_and_again_once_that_is_unpublished()
    {
        await using var server = await MastheadServer.StartAsync();
        using var editor = await NewsroomClient.SignInAsync(server, DemoLogins.Editor);
        var id = await editor.WriteAsync("Mill and co-op to merge", "Not yet.", new() { ["Form.NewTags"] = "Embargoed merger" });

        foreach (var path in Paths)
        {
            using var draftOnly = await server.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, draftOnly.StatusCode);
            Assert.DoesNotContain("Embargoed merger", await draftOnly.Content.ReadAsStringAsync());
        }

        (await editor.StepAsync(id, "Publish")).Dispose();
        var page = await server.GetDocumentAsync("/tag/embargoed-merger");
        Assert.Equal("Embargoed merger", page.QuerySelector("h1")!.TextContent.Trim());
        foreach (var path in Paths.Skip(1))
        {
            using var feed = await server.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        }

        (await editor.StepAsync(id, "Unpublish")).Dispose();
        foreach (var path in Paths)
        {
            using var unpublished = await server.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, unpublished.StatusCode);
        }
    }
}
