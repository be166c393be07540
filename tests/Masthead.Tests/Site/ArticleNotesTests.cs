using System.Net;
using AngleSharp.Dom;
using Masthead.Core.Articles;
using Masthead.Core.People;
using Masthead.Core.Publishing;
using Masthead.Testing;
using Masthead.Tests.Newsroom;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Site;

/// <summary>What a reader sees of an article's later life: the "Updated" time, and its corrections, clarifications and updates.</summary>
public sealed class ArticleNotesTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private MastheadServer Server => site.Server;

    private Task<int> PublishedTwoDaysAgoAsync(string headline) => Server.InScopeAsync(async services =>
    {
        var writer = (await services.GetRequiredService<StaffService>().ListActiveAsync()).Single(s => s.Slug == "tobias-wren");
        var articles = services.GetRequiredService<ArticleService>();
        var id = await articles.CreateAsync(Actor.System, new ArticleInput { Headline = headline, BodyMarkdown = "The first paragraph.", AuthorIds = [writer.Id] });
        await services.GetRequiredService<PublishingService>().PublishAsync(Actor.System, id, DateTime.UtcNow.AddDays(-2));
        return id;
    });

    private static DateTimeOffset? Updated(IDocument article) =>
        article.QuerySelector(".dateline span.updated time[datetime]")?.GetAttribute("datetime") is { } datetime ? DateTimeOffset.Parse(datetime) : null;

    [Fact]
    public async Task Updated_appears_after_a_save_following_publication_and_not_before()
    {
        var id = await PublishedTwoDaysAgoAsync("Library extends its hours");
        var path = await Server.PublicPathAsync(id);
        var before = await Server.GetDocumentAsync(path); // now in the output cache
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);

        using var saved = await editor.SubmitAsync($"/newsroom/articles/{id}", ArticleTestSteps.EditorForm,
            new() { ["Form.BodyMarkdown"] = "The first paragraph, now with the Sunday hours." }, "intent=save");
        var after = await Server.GetDocumentAsync(path);

        Assert.Null(before.QuerySelector(".updated"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.StartsWith("Updated", after.QuerySelector(".dateline span.updated")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.InRange(Updated(after)!.Value, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task Updated_appears_after_a_note_and_not_before()
    {
        var id = await PublishedTwoDaysAgoAsync("Harbour dredging postponed");
        var path = await Server.PublicPathAsync(id);
        var before = await Server.GetDocumentAsync(path);
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);

        using var noted = await editor.StepAsync(id, "AddNote", new() { ["kind"] = "Update", ["text"] = "The council set a new date in May." });
        var after = await Server.GetDocumentAsync(path);

        Assert.Null(before.QuerySelector(".updated"));
        Assert.Equal(HttpStatusCode.Redirect, noted.StatusCode);
        var note = after.QuerySelector(".article-notes .note-update time[datetime]")!.GetAttribute("datetime");
        Assert.Equal(DateTimeOffset.Parse(note!), Updated(after));
    }

    [Fact]
    public async Task Notes_are_shown_newest_first()
    {
        var id = await PublishedTwoDaysAgoAsync("Bridge inspection results");
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);

        foreach (var (kind, text) in new[] { ("Correction", "The bridge is 84 years old, not 48."), ("Clarification", "The inspection covered the east span."),
            ("Update", "Repairs start on Monday.") })
        {
            (await editor.StepAsync(id, "AddNote", new() { ["kind"] = kind, ["text"] = text })).Dispose();
        }

        var notes = (await Server.GetDocumentAsync(await Server.PublicPathAsync(id))).QuerySelectorAll(".article-notes .note");
        Assert.Equal(["note-update", "note-clarification", "note-correction"], notes.Select(n => n.ClassList.Single(c => c.StartsWith("note-", StringComparison.Ordinal))));
        Assert.Equal("Repairs start on Monday.", notes[0].QuerySelectorAll("p")[1].TextContent);
    }

    [Fact]
    public async Task The_notes_position_setting_puts_the_notes_above_or_below_the_body()
    {
        var id = await PublishedTwoDaysAgoAsync("Ferry timetable changes");
        var path = await Server.PublicPathAsync(id);
        using var admin = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);
        (await admin.StepAsync(id, "AddNote", new() { ["kind"] = "Correction", ["text"] = "The last ferry leaves at 22:10." })).Dispose();

        var order = new List<string[]>();
        foreach (var position in new[] { "Bottom", "Top" })
        {
            using var response = await admin.SubmitAsync("/newsroom/settings", "form.settings", new() { ["Form.NotesPosition"] = position });
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var article = await Server.GetDocumentAsync(path);
            order.Add([.. article.QuerySelectorAll(".article-notes, .article-body").Select(e => e.ClassName!)]);
        }

        Assert.Equal(["article-body", "article-notes"], order[0]);
        Assert.Equal(["article-notes", "article-body"], order[1]);
    }
}
