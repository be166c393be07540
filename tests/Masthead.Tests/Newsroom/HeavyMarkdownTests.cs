using System.Net;
using AngleSharp.Dom;
using Masthead.Core.Storage;
using Masthead.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Newsroom;

/// <summary>
/// Markdown that nests too deeply, has too much formatting in one place or is too long is refused on every form
/// that takes Markdown, with a message beside the text and the text kept, before any of it is rendered or saved.
/// </summary>
public sealed class HeavyMarkdownTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private static readonly Dictionary<string, string> Heavy = new()
    {
        ["128 nested quotes"] = new string('>', 128) + " deep",
        ["a 120-level list"] = string.Concat(Enumerable.Range(0, 120).Select(level => new string(' ', 2 * level) + "- level\n")),
        ["1,000 asterisks"] = new string('*', 1000) + "bold" + new string('*', 1000),
        ["[a]( 5,000 times"] = string.Concat(Enumerable.Repeat("[a](", 5_000)),
        ["*a 6,000 times"] = string.Concat(Enumerable.Repeat("*a ", 6_000)),
    };

    /// <summary>The texts that made Markdig throw (500, text lost) or take seconds, by name.</summary>
    public static readonly TheoryData<string> HeavyTexts = new(Heavy.Keys);

    private MastheadServer Server => site.Server;

    [Theory]
    [MemberData(nameof(HeavyTexts))]
    public async Task Saving_an_article_refuses_it_beside_the_body_and_keeps_what_was_typed(string name)
    {
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);
        var before = await ArticleCountAsync();

        using var response = await editor.SubmitAsync("/newsroom/articles/new", "form.article-form",
            new() { ["Form.Headline"] = $"Heavy: {name}", ["Form.BodyMarkdown"] = Heavy[name] }, button: "intent=save");
        var page = await response.ParseAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertRefusedAndKept(page, "#body-problem", "textarea[name='Form.BodyMarkdown']", Heavy[name]);
        Assert.Equal($"Heavy: {name}", page.QuerySelector("input[name='Form.Headline']")!.GetAttribute("value"));
        Assert.Equal(before, await ArticleCountAsync());
    }

    [Theory]
    [MemberData(nameof(HeavyTexts))]
    public async Task Previewing_shows_the_refusal_in_the_page_and_in_the_fragment_the_script_loads(string name)
    {
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);
        var (storyId, _) = await Server.ArticleAsync("council-budget-night");

        using var preview = await editor.SubmitAsync($"/newsroom/articles/{storyId}", ArticleTestSteps.EditorForm,
            new() { ["Form.BodyMarkdown"] = Heavy[name] }, button: "intent=preview");
        using var fragment = await editor.PostAsync($"/newsroom/articles/{storyId}?handler=Preview",
            new() { ["Form.Headline"] = "Council budget", ["Form.BodyMarkdown"] = Heavy[name] }, tokenPage: $"/newsroom/articles/{storyId}");
        var page = await preview.ParseAsync();
        var piece = await fragment.ParseAsync();

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        AssertRefusedAndKept(page, "#body-problem", "textarea[name='Form.BodyMarkdown']", Heavy[name]);
        Assert.Contains("cannot be shown", page.QuerySelector("#preview .errors")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, fragment.StatusCode);
        Assert.Contains("cannot be shown", piece.QuerySelector("#preview .errors")!.TextContent);
        Assert.Equal("", piece.QuerySelector("#preview .preview-body")!.InnerHtml.Trim());
    }

    [Theory]
    [MemberData(nameof(HeavyTexts))]
    public async Task Posting_and_editing_a_live_update_refuses_it_and_keeps_what_was_typed(string name)
    {
        var (storyId, _) = await Server.ArticleAsync("council-budget-night");
        var desk = $"/newsroom/live/{storyId}";
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);
        if ((await editor.GetDocumentAsync(desk)).QuerySelector("form[action*='handler=Start']") is not null)
        {
            (await editor.SubmitAsync(desk, "form[action*='handler=Start']", [])).Dispose();
        }

        Assert.Equal("20000", (await editor.GetDocumentAsync(desk)).QuerySelector("textarea[name=Body]")!.GetAttribute("maxlength"));
        (await editor.SubmitAsync(desk, "form[action*='handler=Update']", new() { ["Body"] = "The clerk reads the motion." })).Dispose();
        var updateId = await Server.InScopeAsync(services => services.GetRequiredService<MastheadDb>().LiveUpdates
            .Where(u => u.ArticleId == storyId).MaxAsync(u => u.Id));

        using var posted = await editor.SubmitAsync(desk, "form[action*='handler=Update']", new() { ["Title"] = "Heavy", ["Body"] = Heavy[name] });
        using var edited = await editor.SubmitAsync($"{desk}?edit={updateId}", "form[action*='handler=Edit']", new() { ["Body"] = Heavy[name] });

        foreach (var response in new[] { posted, edited })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            AssertRefusedAndKept(await response.ParseAsync(), ".errors", "textarea[name=Body]", Heavy[name]);
        }

        var bodies = await Server.InScopeAsync(services => services.GetRequiredService<MastheadDb>().LiveUpdates
            .Where(u => u.ArticleId == storyId).Select(u => u.BodyMarkdown).ToListAsync());
        Assert.DoesNotContain(Heavy[name].Trim(), bodies);
        Assert.Contains("The clerk reads the motion.", bodies);
    }

    [Theory]
    [MemberData(nameof(HeavyTexts))]
    public async Task Saving_a_static_page_refuses_it_and_keeps_what_was_typed(string name)
    {
        using var admin = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);

        using var response = await admin.SubmitAsync("/newsroom/pages/new", "form.static-page-editor",
            new() { ["Title"] = "Heavy page", ["Slug"] = "heavy-page", ["BodyMarkdown"] = Heavy[name], ["Role"] = "None" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertRefusedAndKept(await response.ParseAsync(), "[data-valmsg-for='BodyMarkdown']", "textarea[name=BodyMarkdown]", Heavy[name]);
        await Server.GetDocumentAsync("/heavy-page", 404);
    }

    [Fact]
    public async Task A_preview_over_the_length_limit_is_refused_before_it_is_rendered()
    {
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);
        var tooLong = string.Concat(Enumerable.Repeat("A plain sentence about the budget. ", 9_000)); // 315,000 characters

        using var fragment = await editor.PostAsync("/newsroom/articles/new?handler=Preview",
            new() { ["Form.Headline"] = "Long", ["Form.BodyMarkdown"] = tooLong }, tokenPage: "/newsroom/articles/new");
        using var page = await editor.SubmitAsync("/newsroom/articles/new", "form.article-form",
            new() { ["Form.Headline"] = "Long", ["Form.BodyMarkdown"] = tooLong }, button: "intent=preview");

        Assert.Contains("the limit is 200,000", (await fragment.ParseAsync()).QuerySelector("#preview .errors")!.TextContent);
        AssertRefusedAndKept(await page.ParseAsync(), "#body-problem", "textarea[name='Form.BodyMarkdown']", tooLong, "the limit is 200,000");
    }

    [Fact]
    public async Task The_forms_carry_the_limits_the_server_keeps()
    {
        using var admin = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);

        var article = await admin.GetDocumentAsync("/newsroom/articles/new");
        var page = await admin.GetDocumentAsync("/newsroom/pages/new");

        Assert.Equal("200000", article.QuerySelector("textarea[name='Form.BodyMarkdown']")!.GetAttribute("maxlength"));
        Assert.Equal("100000", page.QuerySelector("textarea[name=BodyMarkdown]")!.GetAttribute("maxlength"));
    }

    private static void AssertRefusedAndKept(IDocument page, string problemSelector, string textSelector, string typed, string expected = "")
    {
        var problem = page.QuerySelector(problemSelector)?.TextContent ?? "";
        Assert.True(
            problem.Contains("nested more than", StringComparison.Ordinal) || problem.Contains("more formatting here than can be shown quickly", StringComparison.Ordinal)
            || problem.Contains("the limit is", StringComparison.Ordinal),
            $"No refusal in {problemSelector}: '{problem}'");
        Assert.Contains(expected, problem);
        Assert.Equal(typed.ReplaceLineEndings("\n").Trim(), page.QuerySelector(textSelector)!.TextContent.ReplaceLineEndings("\n").Trim());
    }

    private Task<int> ArticleCountAsync() => Server.InScopeAsync(services => services.GetRequiredService<MastheadDb>().Articles.CountAsync());
}
