using System.Net;
using AngleSharp.Html.Dom;
using Masthead.Testing;

namespace Masthead.Tests.Newsroom;

/// <summary>Two people save the same article: the stale save is refused with both versions side by side and nothing lost.</summary>
public sealed class EditConflictTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private MastheadServer Server => site.Server;

    [Fact]
    public async Task The_later_stale_save_shows_both_versions_and_can_then_be_saved_deliberately()
    {
        using var reporter = await NewsroomClient.SignInAsync(Server, DemoLogins.Reporter);
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);
        var id = await reporter.WriteAsync("Storm knocks out power to 3,000 homes", "Power should be back by evening.");
        var reporterCopy = (IHtmlFormElement)(await reporter.GetDocumentAsync($"/newsroom/articles/{id}")).QuerySelector(ArticleTestSteps.EditorForm)!;
        var editorCopy = (IHtmlFormElement)(await editor.GetDocumentAsync($"/newsroom/articles/{id}")).QuerySelector(ArticleTestSteps.EditorForm)!;

        using (var first = await editor.SubmitAsync(editorCopy, new() { ["Form.BodyMarkdown"] = "Power should be back by midnight, the utility said." }, "intent=save",
            $"/newsroom/articles/{id}"))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        var mine = "Power should be back by evening for most homes on the east side.";
        using var second = await reporter.SubmitAsync(reporterCopy, new() { ["Form.BodyMarkdown"] = mine, ["Form.Headline"] = "Storm cuts power to 3,000 homes" }, "intent=save",
            $"/newsroom/articles/{id}");
        var conflict = await second.ParseAsync();

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("Power should be back by midnight, the utility said.", (await Server.StoredAsync(id)).BodyMarkdown);
        Assert.Contains("Someone else saved", conflict.QuerySelector(".conflict-notice")!.TextContent);
        Assert.Equal(mine, conflict.QuerySelector("form#article-form textarea[name='Form.BodyMarkdown']")!.TextContent.Trim());
        Assert.Equal("Storm cuts power to 3,000 homes", conflict.QuerySelector("form#article-form input[name='Form.Headline']")!.GetAttribute("value"));
        var saved = conflict.QuerySelector(".saved-version")!;
        Assert.Equal("Power should be back by midnight, the utility said.", saved.QuerySelector("textarea.saved-body")!.TextContent.Trim());
        Assert.Contains("Anaya Kessler", saved.QuerySelector(".meta")!.TextContent);
        Assert.NotNull(saved.QuerySelector(".meta time[datetime]"));
        Assert.Contains(conflict.QuerySelectorAll("del"), d => d.TextContent.Contains("midnight", StringComparison.Ordinal));
        Assert.Contains(conflict.QuerySelectorAll("ins"), i => i.TextContent.Contains("east", StringComparison.Ordinal));
        Assert.Equal($"/newsroom/articles/{id}", conflict.QuerySelector(".conflict a.button")!.GetAttribute("href"));
        var current = await Server.StoredAsync(id);
        Assert.Equal($"{current.Version}", conflict.QuerySelector("input[name='Form.Version']")!.GetAttribute("value"));

        using var deliberate = await reporter.SubmitAsync((IHtmlFormElement)conflict.QuerySelector(ArticleTestSteps.EditorForm)!, [], "intent=save", $"/newsroom/articles/{id}");

        Assert.Equal(HttpStatusCode.Redirect, deliberate.StatusCode);
        var stored = await Server.StoredAsync(id);
        Assert.Equal((mine, "Storm cuts power to 3,000 homes"), (stored.BodyMarkdown, stored.Headline));
        Assert.Equal(3, (await Server.RevisionBodiesAsync(id)).Length);
    }
}
