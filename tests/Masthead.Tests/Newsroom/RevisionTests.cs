using System.Net;
using AngleSharp.Html.Dom;
using Masthead.Testing;

namespace Masthead.Tests.Newsroom;

/// <summary>Every save is a revision; the editor lists them, compares any two word by word, and restores one as a new revision.</summary>
public sealed class RevisionTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private MastheadServer Server => site.Server;

    private static async Task SaveBodyAsync(NewsroomClient client, int id, string body, string note)
    {
        using var response = await client.SubmitAsync($"/newsroom/articles/{id}", ArticleTestSteps.EditorForm,
            new() { ["Form.BodyMarkdown"] = body, ["Form.Note"] = note }, button: "intent=save");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task The_editor_lists_revisions_and_compare_shows_the_changed_words()
    {
        using var reporter = await NewsroomClient.SignInAsync(Server, DemoLogins.Reporter);
        var id = await reporter.WriteAsync("Water main break closes Elm Street", "Crews expect repairs to take two days.");
        await SaveBodyAsync(reporter, id, "Crews expect repairs to take four days.", "New estimate from the city");

        var editor = await reporter.GetDocumentAsync($"/newsroom/articles/{id}");
        var rows = editor.QuerySelectorAll(".revision-list tbody tr");
        Assert.Equal(2, rows.Length);
        Assert.Contains("Tobias Wren", rows[0].TextContent);
        Assert.Contains("New estimate from the city", rows[0].TextContent);
        Assert.Equal("1", editor.QuerySelector("input[name=from][checked]")!.GetAttribute("value"));
        Assert.Equal("2", editor.QuerySelector("input[name=to][checked]")!.GetAttribute("value"));

        foreach (var path in (string[])[$"/newsroom/articles/{id}/revisions?from=1&to=2", $"/newsroom/articles/{id}/revisions"])
        {
            var compare = await reporter.GetDocumentAsync(path);
            var body = compare.QuerySelectorAll(".field-diff").Single(d => d.QuerySelector("h3")!.TextContent == "Body");
            Assert.Equal(["two"], body.QuerySelectorAll("del").Select(d => d.TextContent.Trim()));
            Assert.Equal(["four"], body.QuerySelectorAll("ins").Select(i => i.TextContent.Trim()));
            Assert.Equal("Crews expect repairs to take twofour days.", body.QuerySelector(".diff")!.TextContent);
        }
    }

    [Fact]
    public async Task Restoring_a_revision_saves_its_text_as_a_new_revision()
    {
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);
        var id = await editor.WriteAsync("Snow emergency declared", "Park on the odd side of the street.");
        await SaveBodyAsync(editor, id, "Park on the even side of the street.", "Wrong side");

        var page = await editor.GetDocumentAsync($"/newsroom/articles/{id}");
        var restoreFirst = page.QuerySelectorAll("form.restore").OfType<IHtmlFormElement>()
            .Single(f => f.QuerySelector("input[name=number]")!.GetAttribute("value") == "1");
        using var restored = await editor.SubmitAsync(restoreFirst, []);

        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        Assert.Equal(["Park on the odd side of the street.", "Park on the even side of the street.", "Park on the odd side of the street."],
            await Server.RevisionBodiesAsync(id));
        Assert.Equal("Park on the odd side of the street.", (await Server.StoredAsync(id)).BodyMarkdown);
        page = await editor.GetDocumentAsync($"/newsroom/articles/{id}");
        Assert.Contains("Restored revision 1", page.QuerySelector(".revision-list tbody tr")!.TextContent);
        Assert.Contains("Restored revision 1", page.QuerySelector(".flash")!.TextContent);
    }

    [Fact]
    public async Task Restoring_over_a_newer_save_is_refused_and_changes_nothing()
    {
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);
        var id = await editor.WriteAsync("Ice rink opens early", "The rink opens Friday.");
        await SaveBodyAsync(editor, id, "The rink opens Saturday.", "Date moved");
        var stale = await editor.GetDocumentAsync($"/newsroom/articles/{id}");
        await SaveBodyAsync(editor, id, "The rink opens Sunday.", "Moved again");

        using var response = await editor.SubmitAsync((IHtmlFormElement)stale.QuerySelector("form.restore")!, []);
        var page = await response.ParseAsync();

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("was not restored", page.QuerySelector(".errors")!.TextContent);
        Assert.Equal("The rink opens Sunday.", (await Server.StoredAsync(id)).BodyMarkdown);
    }
}
