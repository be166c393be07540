using System.Net;
using Masthead.Core.Publishing;
using Masthead.Newsroom;
using Masthead.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;

namespace Masthead.Tests.Newsroom;

/// <summary>
/// Something the person asked for that does not exist answers 404 in the newsroom with the rule's own message; a
/// KeyNotFoundException, which only a bug throws, is not mistaken for one.
/// </summary>
public sealed class NotFoundTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private const int Missing = 999999;

    [Theory]
    [InlineData("/newsroom/articles/999999", "There is no article 999999.")]
    [InlineData("/newsroom/articles/999999/revisions", "There is no article 999999.")]
    [InlineData("/newsroom/live/999999", "There is no article 999999.")]
    [InlineData("/newsroom/staff/999999", "There is no staff member 999999.")]
    [InlineData("/newsroom/inbox/999999", "There is no message 999999.")]
    [InlineData("/newsroom/sections/999999", "There is no section 999999.")]
    [InlineData("/newsroom/tags/999999", "There is no tag 999999.")]
    [InlineData("/newsroom/pages/999999", "There is no page 999999.")]
    public async Task Opening_something_that_does_not_exist_answers_404_saying_what_is_missing(string path, string message)
    {
        using var administrator = await NewsroomClient.SignInAsync(site.Server, DemoLogins.Administrator);

        using var response = await administrator.Http.GetAsync(path);
        var page = await response.ParseAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Page not found", page.QuerySelector("h1")!.TextContent);
        Assert.Equal(message, page.QuerySelector(".error-page [role=alert]")!.TextContent);
    }

    [Fact]
    public async Task A_workflow_step_on_an_article_that_does_not_exist_answers_404()
    {
        using var editor = await NewsroomClient.SignInAsync(site.Server, DemoLogins.Editor);

        using var response = await editor.PostAsync($"/newsroom/articles/{Missing}?handler=Publish", []);
        var page = await response.ParseAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal($"There is no article {Missing}.", page.QuerySelector(".error-page [role=alert]")!.TextContent);
    }

    [Fact]
    public async Task Saving_an_edit_to_a_live_update_that_is_gone_answers_404_on_the_desk_keeping_the_text()
    {
        var (storyId, _) = await site.Server.ArticleAsync("council-budget-night");
        using var editor = await NewsroomClient.SignInAsync(site.Server, DemoLogins.Editor);

        using var response = await editor.PostAsync($"/newsroom/live/{storyId}?handler=Edit&update={Missing}", new() { ["Body"] = "The vote was 6-3." });
        var page = await response.ParseAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal($"There is no live update {Missing}.", page.QuerySelector(".live-post .errors")!.TextContent.Trim());
        Assert.Equal("The vote was 6-3.", page.QuerySelector(".live-post textarea[name=Body]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Only_NotFoundException_is_answered_with_404_a_KeyNotFoundException_is_left_to_be_a_500()
    {
        var missing = await ThroughTheErrorFilterAsync(new NotFoundException($"There is no article {Missing}."));
        var bug = await ThroughTheErrorFilterAsync(new KeyNotFoundException($"The given key '{Missing}' was not present in the dictionary."));

        Assert.True(missing.ExceptionHandled);
        Assert.Equal(StatusCodes.Status404NotFound, Assert.IsType<StatusCodeResult>(missing.Result).StatusCode);
        Assert.False(bug.ExceptionHandled);
        Assert.Null(bug.Result);
    }

    /// <summary>What the newsroom's error filter makes of a page handler that threw <paramref name="thrown"/>.</summary>
    private static async Task<PageHandlerExecutedContext> ThroughTheErrorFilterAsync(Exception thrown)
    {
        var page = new PageContext(new ActionContext(new DefaultHttpContext(), new RouteData(), new CompiledPageActionDescriptor()));
        var handler = new object();
        var executed = new PageHandlerExecutedContext(page, [], null, handler) { Exception = thrown };
        await new NewsroomErrors().OnPageHandlerExecutionAsync(
            new PageHandlerExecutingContext(page, [], null, new Dictionary<string, object?>(), handler),
            () => Task.FromResult(executed));
        return executed;
    }
}
