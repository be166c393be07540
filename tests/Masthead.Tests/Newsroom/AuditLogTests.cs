using System.Net;
using Masthead.Core.Articles;
using Masthead.Core.Audit;
using Masthead.Core.Corrections;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Masthead.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Newsroom;

/// <summary>Administrators read who did what, newest first, in the publication's time zone, narrowed by person, action and days.</summary>
public sealed class AuditLogTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private MastheadServer Server => site.Server;

    [Fact]
    public async Task The_log_lists_the_newest_action_first_with_who_when_and_the_article()
    {
        using var admin = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator); // signing in is an entry of its own
        var article = (await Server.InScopeAsync(services => services.GetRequiredService<ArticleQueries>().LatestAsync(ArticleFilter.All, 1)))[0];
        await Server.InScopeAsync(services => services.GetRequiredService<ArticleNoteService>()
            .AddAsync(new Actor(null, Core.People.NewsroomRole.Editor, "Anaya Kessler"), article.Id, ArticleNoteKind.Correction, "The vote was 5-4, not 6-3."));

        var log = await admin.GetDocumentAsync("/newsroom/audit");

        var newest = log.QuerySelector("tr.audit-entry")!;
        Assert.Equal("note-added", newest.QuerySelector(".audit-action")!.TextContent);
        Assert.Equal("Anaya Kessler", newest.QuerySelector(".audit-actor")!.TextContent);
        Assert.Equal("Correction: The vote was 5-4, not 6-3.", newest.QuerySelector(".audit-details")!.TextContent);
        Assert.Equal($"/newsroom/articles/{article.Id}", newest.QuerySelector("a")!.GetAttribute("href"));
        Assert.Matches(@"-0[56]:00$", newest.QuerySelector("time")!.GetAttribute("datetime"));
    }

    [Fact]
    public async Task The_log_is_paged_fifty_to_a_page()
    {
        using var admin = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);
        await Server.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<MastheadDb>();
            for (var n = 1; n <= 60; n++)
            {
                db.Record(DateTime.UtcNow, Actor.System, AuditActions.Published, details: $"Bulk entry {n}");
            }

            await db.SaveChangesAsync();
        });

        var first = await admin.GetDocumentAsync("/newsroom/audit");
        var second = await admin.GetDocumentAsync(first.QuerySelector(".pager a[rel=next]")!.GetAttribute("href")!);

        var details = first.QuerySelectorAll(".audit-details").Select(d => d.TextContent).ToList();
        Assert.Equal(50, details.Count);
        Assert.Equal("Bulk entry 60", details[0]);
        Assert.Equal("Bulk entry 11", details[^1]);
        Assert.Equal("Bulk entry 10", second.QuerySelector(".audit-details")!.TextContent);
        await admin.GetDocumentAsync("/newsroom/audit?before=999999999", 404);
    }

    [Fact]
    public async Task Ordinary_saves_are_recorded_with_the_revision_they_made_and_its_note()
    {
        using var reporter = await NewsroomClient.SignInAsync(Server, DemoLogins.Reporter);
        var id = await reporter.WriteAsync("Harbour lights switched on early");
        using (var saved = await reporter.SubmitAsync($"/newsroom/articles/{id}", ArticleTestSteps.EditorForm,
            new() { ["Form.BodyMarkdown"] = "The mayor threw the switch at dusk.", ["Form.Note"] = "Added the mayor" }, "intent=save"))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        using var admin = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);

        // Tobias's own entries, newest first: his sign-in came before both, the administrator's is not his.
        var log = await admin.GetDocumentAsync($"/newsroom/audit?actor={await StaffIdAsync("tobias-wren")}");
        var (save, creation) = (log.QuerySelectorAll("tr.audit-entry")[0], log.QuerySelectorAll("tr.audit-entry")[1]);

        Assert.Equal(("saved", "Tobias Wren", "Harbour lights switched on early (revision 2: Added the mayor)"),
            (save.QuerySelector(".audit-action")!.TextContent, save.QuerySelector(".audit-actor")!.TextContent, save.QuerySelector(".audit-details")!.TextContent));
        Assert.Equal($"/newsroom/articles/{id}", save.QuerySelector("a[href^='/newsroom/articles/']")!.GetAttribute("href"));
        Assert.Equal(("created", "Tobias Wren", "Harbour lights switched on early"),
            (creation.QuerySelector(".audit-action")!.TextContent, creation.QuerySelector(".audit-actor")!.TextContent, creation.QuerySelector(".audit-details")!.TextContent));
    }

    [Fact]
    public async Task The_log_is_narrowed_by_person_action_and_days_in_the_publications_time_zone()
    {
        var (delphine, anaya) = (await StaffIdAsync("delphine-marrow"), await StaffIdAsync("anaya-kessler"));
        // Larkmoor keeps Chicago time: UTC-6 in early March 2025, so 05:30 UTC on the 4th is still the 3rd there.
        await RecordAsync(
            (delphine, AuditActions.SettingsChanged, new DateTime(2025, 3, 4, 5, 30, 0, DateTimeKind.Utc), "Late on the 3rd"),
            (delphine, AuditActions.SettingsChanged, new DateTime(2025, 3, 4, 6, 30, 0, DateTimeKind.Utc), "Early on the 4th"),
            (anaya, AuditActions.SettingsChanged, new DateTime(2025, 3, 4, 12, 0, 0, DateTimeKind.Utc), "Anaya on the 4th"),
            (delphine, AuditActions.RoleChanged, new DateTime(2025, 3, 4, 13, 0, 0, DateTimeKind.Utc), "Another action on the 4th"),
            (delphine, AuditActions.SettingsChanged, new DateTime(2025, 3, 5, 6, 30, 0, DateTimeKind.Utc), "Early on the 5th"));
        using var admin = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);

        var oneDay = await admin.GetDocumentAsync($"/newsroom/audit?actor={delphine}&action=settings-changed&from=2025-03-04&to=2025-03-04");
        var threeDays = await admin.GetDocumentAsync($"/newsroom/audit?actor={delphine}&action=settings-changed&from=2025-03-03&to=2025-03-05");
        var everyone = await admin.GetDocumentAsync("/newsroom/audit?action=settings-changed&from=2025-03-04&to=2025-03-04");
        var anyAction = await admin.GetDocumentAsync($"/newsroom/audit?actor={delphine}&from=2025-03-04&to=2025-03-04");

        Assert.Equal(["Early on the 4th"], Details(oneDay));
        Assert.Equal(["Early on the 5th", "Early on the 4th", "Late on the 3rd"], Details(threeDays));
        Assert.Equal(["Anaya on the 4th", "Early on the 4th"], Details(everyone));
        Assert.Equal(["Another action on the 4th", "Early on the 4th"], Details(anyAction));
        var form = oneDay.QuerySelector("form.audit-filter")!;
        Assert.Equal($"{delphine}", form.QuerySelector("select[name=actor] option[selected]")!.GetAttribute("value"));
        Assert.Equal("settings-changed", form.QuerySelector("select[name=action] option[selected]")!.GetAttribute("value"));
        Assert.Equal(("2025-03-04", "2025-03-04"), (form.QuerySelector("input[name=from]")!.GetAttribute("value"), form.QuerySelector("input[name=to]")!.GetAttribute("value")));
        var actions = form.QuerySelectorAll("select[name=action] option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Contains("saved", actions);
        Assert.Contains("live-ended", actions);
        Assert.Contains("renamed", actions);
        Assert.Equal("Anaya Kessler", form.QuerySelector($"select[name=actor] option[value='{anaya}']")!.TextContent);
    }

    [Fact]
    public async Task A_narrowed_log_is_paged_keeping_the_filter_both_ways()
    {
        var anaya = await StaffIdAsync("anaya-kessler");
        var start = new DateTime(2025, 4, 1, 12, 0, 0, DateTimeKind.Utc);
        await RecordAsync([.. Enumerable.Range(1, 60).Select(n => (anaya, AuditActions.ContentApiKeyCreated, start.AddMinutes(n), $"Key {n}"))]);
        using var admin = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);

        var first = await admin.GetDocumentAsync($"/newsroom/audit?actor={anaya}&action=api-key-created&from=2025-04-01&to=2025-04-01");
        var olderLink = first.QuerySelector(".pager a[rel=next]")!.GetAttribute("href")!;
        var second = await admin.GetDocumentAsync(olderLink);
        var back = await admin.GetDocumentAsync(second.QuerySelector(".pager a[rel=prev]")!.GetAttribute("href")!);

        Assert.Equal([.. Enumerable.Range(11, 50).Reverse().Select(n => $"Key {n}")], Details(first));
        Assert.Null(first.QuerySelector(".pager a[rel=prev]"));
        Assert.StartsWith($"/newsroom/audit?actor={anaya}&action=api-key-created&from=2025-04-01&to=2025-04-01&before=", olderLink);
        Assert.Equal([.. Enumerable.Range(1, 10).Reverse().Select(n => $"Key {n}")], Details(second));
        Assert.Null(second.QuerySelector(".pager a[rel=next]"));
        Assert.Equal(Details(first), Details(back));
        Assert.Null(back.QuerySelector(".pager a[rel=prev]"));
        Assert.NotNull(back.QuerySelector(".pager a[rel=next]"));
    }

    [Fact]
    public async Task A_day_that_is_not_a_date_is_refused_with_a_message()
    {
        using var admin = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);

        var refused = await admin.GetDocumentAsync("/newsroom/audit?from=yesterday", 400);
        var backwards = await admin.GetDocumentAsync("/newsroom/audit?from=2025-03-05&to=2025-03-04", 400);

        Assert.Equal("Give the days as YYYY-MM-DD, such as 2026-02-03.", refused.QuerySelector(".audit-filter .errors")!.TextContent.Trim());
        Assert.Equal("yesterday", refused.QuerySelector("input[name=from]")!.GetAttribute("value"));
        Assert.Equal("The first day comes after the last; swap them.", backwards.QuerySelector(".audit-filter .errors")!.TextContent.Trim());
    }

    private static List<string> Details(AngleSharp.Dom.IDocument log) => log.QuerySelectorAll(".audit-details").Select(d => d.TextContent).ToList();

    private Task<int> StaffIdAsync(string slug) => Server.InScopeAsync(services =>
        services.GetRequiredService<MastheadDb>().Staff.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync());

    private Task RecordAsync(params (int ActorId, string Action, DateTime At, string Details)[] entries) => Server.InScopeAsync(async services =>
    {
        var db = services.GetRequiredService<MastheadDb>();
        foreach (var (actorId, action, at, details) in entries)
        {
            var name = await db.Staff.Where(s => s.Id == actorId).Select(s => s.Name).SingleAsync();
            db.Record(at, new Actor(actorId, Core.People.NewsroomRole.Administrator, name), action, details: details);
        }

        await db.SaveChangesAsync();
    });

    [Theory]
    [InlineData("editor")]
    [InlineData("contributor")]
    public async Task Only_administrators_read_the_log(string role)
    {
        using var someone = await NewsroomClient.SignInAsync(Server, role == "editor" ? DemoLogins.Editor : DemoLogins.Contributor);

        var refused = await someone.GetDocumentAsync("/newsroom/audit", 403);

        Assert.Contains("read the audit log", refused.QuerySelector("main")!.TextContent);
    }
}
