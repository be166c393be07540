using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Masthead.Core.Articles;
using Masthead.Core.Audit;
using Masthead.Core.People;
using Masthead.Core.Publishing;
using Masthead.Core.Sections;
using Masthead.Core.Storage;
using Masthead.Core.Tags;
using Masthead.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

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

    [Fact]
    public async Task Compare_names_the_section_tags_and_byline_and_marks_what_was_deleted_since()
    {
        var (id, fog, people) = await Server.InScopeAsync(async services =>
        {
            var sections = services.GetRequiredService<SectionService>();
            var tags = services.GetRequiredService<TagService>();
            var staff = await services.GetRequiredService<StaffService>().ListActiveAsync();
            var articles = services.GetRequiredService<ArticleService>();
            var fog = await tags.CreateAsync(Actor.System, "Sea fog");
            var input = new ArticleInput
            {
                Headline = "Fog grounds the island ferries",
                SectionId = await sections.CreateAsync(Actor.System, "Harbour desk"),
                TagIds = [fog],
                AuthorIds = [staff[0].Id],
            };
            var id = await articles.CreateAsync(Actor.System, input);
            await articles.UpdateAsync(Actor.System, id, input with
            {
                SectionId = await sections.CreateAsync(Actor.System, "Coastal weather"),
                TagIds = [fog, await tags.CreateAsync(Actor.System, "Cargo shipping")],
                AuthorIds = [staff[1].Id, staff[0].Id],
            }, expectedVersion: 1);
            return (id, fog, staff);
        });
        await Server.InScopeAsync(services => services.GetRequiredService<TagService>().DeleteAsync(Actor.System, fog));
        using var reporter = await NewsroomClient.SignInAsync(Server, DemoLogins.Reporter);

        var compare = await reporter.GetDocumentAsync($"/newsroom/articles/{id}/revisions?from=1&to=2");

        IElement Field(string name) => compare.QuerySelectorAll(".field-diff").Single(d => d.QuerySelector("h3")!.TextContent == name);
        static string Text(IElement field, string selector) => string.Concat(field.QuerySelectorAll(selector).Select(e => e.TextContent));
        Assert.Contains("Harbour", Text(Field("Section"), "del"));
        Assert.Contains("Coastal", Text(Field("Section"), "ins"));
        Assert.Equal("(deleted tag), Cargo shipping", Field("Tags").QuerySelector(".diff")!.TextContent);
        Assert.Contains("Cargo shipping", Text(Field("Tags"), "ins"));
        Assert.Equal($"{people[1].Name}, {people[0].Name}", Field("Byline").QuerySelector(".diff")!.TextContent);
        Assert.Contains(people[1].Name, Text(Field("Byline"), "ins"));
    }

    [Fact]
    public async Task Restoring_a_revision_leaves_out_a_section_tag_or_byline_deleted_since_and_says_so()
    {
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);
        var (section, tag) = await Server.InScopeAsync(async services => (
            await services.GetRequiredService<SectionService>().CreateAsync(Actor.System, "Lapsed desk"),
            await services.GetRequiredService<TagService>().CreateAsync(Actor.System, "Lapsed tag")));
        var id = await editor.WriteAsync("Ferry fares frozen", "Fares stay at four dollars.",
            new() { ["Form.SectionId"] = $"{section}", ["Form.TagIds"] = $"{tag}" });
        await SaveBodyAsync(editor, id, "Fares rise to five dollars.", "Fare rise");
        var bylines = (await Server.StoredAsync(id)).Authors.Select(a => a.StaffMemberId).ToList();
        await Server.InScopeAsync(async services =>
        {
            await services.GetRequiredService<TagService>().DeleteAsync(Actor.System, tag);
            await services.GetRequiredService<SectionService>().DeleteAsync(Actor.System, section);
            await NameDeletedStaffMemberAsync(services, id, 1, keepOthers: true);
        });

        var page = await editor.GetDocumentAsync($"/newsroom/articles/{id}");
        using var restored = await editor.SubmitAsync(RestoreForm(page, 1), []);

        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        var stored = await Server.StoredAsync(id);
        Assert.Equal(("Fares stay at four dollars.", (int?)null, 0), (stored.BodyMarkdown, stored.SectionId, stored.Tags.Count));
        Assert.Equal(bylines, stored.Authors.OrderBy(a => a.Position).Select(a => a.StaffMemberId));
        page = await editor.GetDocumentAsync($"/newsroom/articles/{id}");
        Assert.Contains("Restored revision 1, leaving out what has since been deleted: its section, 1 tag, 1 byline", page.QuerySelector(".revision-list tbody tr")!.TextContent);
        Assert.Equal("Restored revision 1 as a new revision, leaving out what has since been deleted: its section, 1 tag, 1 byline.",
            page.QuerySelector(".flash")!.TextContent.Trim());
        Assert.Equal(["revision 1, leaving out what has since been deleted: its section, 1 tag, 1 byline"], await RestoredEntriesAsync(id));
    }

    [Fact]
    public async Task A_restore_the_rules_refuse_is_explained_on_the_editor_and_changes_nothing()
    {
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);
        var id = await editor.WriteAsync("Pier repairs finish early", "The pier reopens Monday.");
        await SaveBodyAsync(editor, id, "The pier reopens Saturday.", "Earlier");
        (await editor.StepAsync(id, "Publish")).Dispose();
        await Server.InScopeAsync(services => NameDeletedStaffMemberAsync(services, id, 1, keepOthers: false));
        var before = await Server.StoredAsync(id);

        var page = await editor.GetDocumentAsync($"/newsroom/articles/{id}");
        using var response = await editor.SubmitAsync(RestoreForm(page, 1), []);
        page = await response.ParseAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Revision 1 was not restored: An article that is published needs at least one byline.", page.QuerySelector(".errors")!.TextContent.Trim());
        var after = await Server.StoredAsync(id);
        Assert.Equal((before.Version, "The pier reopens Saturday.", 1), (after.Version, after.BodyMarkdown, after.Authors.Count));
        Assert.Equal(2, (await Server.RevisionBodiesAsync(id)).Length);
        Assert.Empty(await RestoredEntriesAsync(id));
    }

    private static IHtmlFormElement RestoreForm(IDocument page, int number) =>
        page.QuerySelectorAll("form.restore").OfType<IHtmlFormElement>()
            .Single(f => f.QuerySelector("input[name=number]")!.GetAttribute("value") == $"{number}");

    /// <summary>Makes a revision's byline name a staff member who no longer exists, as if their record had been deleted.</summary>
    private static Task NameDeletedStaffMemberAsync(IServiceProvider services, int articleId, int number, bool keepOthers)
    {
        var revision = services.GetRequiredService<MastheadDb>().Revisions.Where(r => r.ArticleId == articleId && r.Number == number);
        return keepOthers
            ? revision.ExecuteUpdateAsync(set => set.SetProperty(r => r.AuthorIds, r => "999999," + r.AuthorIds))
            : revision.ExecuteUpdateAsync(set => set.SetProperty(r => r.AuthorIds, "999999"));
    }

    private Task<List<string>> RestoredEntriesAsync(int articleId) => Server.InScopeAsync(services =>
        services.GetRequiredService<MastheadDb>().AuditLog.AsNoTracking()
            .Where(e => e.ArticleId == articleId && e.Action == AuditActions.Restored).Select(e => e.Details).ToListAsync());
}
