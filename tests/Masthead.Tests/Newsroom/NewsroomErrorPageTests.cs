using System.Net;
using AngleSharp.Dom;
using Masthead.Core.Articles;
using Masthead.Testing;

namespace Masthead.Tests.Newsroom;

/// <summary>Errors under /newsroom are shown inside the newsroom, with the rule's message and a way back; readers' error pages stay as they are.</summary>
public sealed class NewsroomErrorPageTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private MastheadServer Server => site.Server;

    [Fact]
    public async Task A_contributor_publishing_gets_403_in_the_newsroom_with_the_rule_and_the_way_back()
    {
        using var contributor = await NewsroomClient.SignInAsync(Server, DemoLogins.Contributor);
        var id = await contributor.WriteAsync("Allotment waiting list grows");

        using var response = await contributor.PostAsync($"/newsroom/articles/{id}?handler=Publish", [], tokenPage: $"/newsroom/articles/{id}");
        var page = await response.ParseAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Your role does not allow this", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("Your role does not allow you to publish this article.", page.QuerySelector(".error-page [role=alert]")!.TextContent);
        Assert.NotNull(page.QuerySelector("header.desk-header nav[aria-label=Newsroom]"));
        Assert.Null(page.QuerySelector("header.masthead"));
        Assert.Equal("Back to the newsroom", LinkTo(page, "/newsroom"));
        Assert.Equal("Back to the article", LinkTo(page, $"/newsroom/articles/{id}"));
        Assert.EndsWith("- Newsroom", page.Title, StringComparison.Ordinal);
        Assert.Equal(ArticleStatus.Draft, (await Server.StoredAsync(id)).Status);
    }

    [Theory]
    [InlineData("/newsroom/articles/999999")]
    [InlineData("/newsroom/no-such-page")]
    public async Task A_missing_page_in_the_newsroom_gets_404_there_without_an_article_link(string path)
    {
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);

        using var response = await editor.Http.GetAsync(path);
        var page = await response.ParseAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Page not found", page.QuerySelector("h1")!.TextContent);
        Assert.NotNull(page.QuerySelector("header.desk-header"));
        Assert.Null(page.QuerySelector("header.masthead"));
        Assert.Equal("Back to the newsroom", LinkTo(page, "/newsroom"));
        Assert.Null(page.QuerySelector(".error-page a[href^='/newsroom/articles/']"));
        Assert.True(response.Headers.CacheControl!.NoStore);
    }

    [Fact]
    public async Task A_post_with_a_stale_form_gets_400_in_the_newsroom_with_a_link_to_the_article()
    {
        using var reporter = await NewsroomClient.SignInAsync(Server, DemoLogins.Reporter);
        var id = await reporter.WriteAsync("Bus shelter repaired");

        // No antiforgery token, as after the form's token has expired: refused before the page runs, and re-executed.
        using var response = await reporter.Http.PostAsync($"/newsroom/articles/{id}?handler=Publish", new FormUrlEncodedContent([]));
        var page = await response.ParseAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(page.QuerySelector("header.desk-header"));
        Assert.Equal("Back to the article", LinkTo(page, $"/newsroom/articles/{id}"));
        Assert.Equal(ArticleStatus.Draft, (await Server.StoredAsync(id)).Status);
    }

    [Fact]
    public async Task Readers_still_get_the_reader_error_page()
    {
        var page = await Server.GetDocumentAsync("/no-such-page", expectedStatus: 404);

        Assert.NotNull(page.QuerySelector("header.masthead"));
        Assert.Null(page.QuerySelector("header.desk-header"));
        Assert.Equal("Go to the front page", LinkTo(page, "/"));
        Assert.Null(page.QuerySelector(".error-page a[href='/newsroom']"));
    }

    [Theory]
    [InlineData("DELETE")]
    [InlineData("PUT")]
    public async Task The_error_page_answers_every_method(string method)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), "/no/such/page/anywhere/here");
        using var response = await Server.Client.SendAsync(request);
        var page = await response.ParseAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Page not found", page.QuerySelector("h1")!.TextContent);
    }

    private static string? LinkTo(IDocument page, string href) => page.QuerySelector($".error-page a[href='{href}']")?.TextContent;
}
