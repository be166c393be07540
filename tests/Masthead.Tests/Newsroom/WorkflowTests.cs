using System.Net;
using Masthead.Core.Articles;
using Masthead.Core.Audit;
using Masthead.Core.Storage;
using Masthead.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Newsroom;

/// <summary>Every workflow step through the editor's forms, by the roles that may take it, and a refusal for one that may not.</summary>
public sealed class WorkflowTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private MastheadServer Server => site.Server;

    [Fact]
    public async Task A_contributor_submits_and_sees_the_comment_when_an_editor_sends_it_back()
    {
        using var contributor = await NewsroomClient.SignInAsync(Server, DemoLogins.Contributor);
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);
        var id = await contributor.WriteAsync("Ferry timetable changes for spring");

        var draft = await contributor.GetDocumentAsync($"/newsroom/articles/{id}");
        Assert.Equal("Draft", draft.QuerySelector(".article-state .status")!.TextContent);
        Assert.NotNull(draft.QuerySelector(ArticleTestSteps.StepButton(id, "Submit")));
        Assert.Null(draft.QuerySelector(ArticleTestSteps.StepButton(id, "Publish")));

        using (var submitted = await contributor.StepAsync(id, "Submit"))
        {
            Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        }

        Assert.Equal(ArticleStatus.InReview, (await Server.StoredAsync(id)).Status);

        using (var sentBack = await editor.StepAsync(id, "SendBack", new() { ["comment"] = "Name the second source, please." }))
        {
            Assert.Equal(HttpStatusCode.Redirect, sentBack.StatusCode);
        }

        var stored = await Server.StoredAsync(id);
        Assert.Equal(ArticleStatus.Draft, stored.Status);
        var page = await contributor.GetDocumentAsync($"/newsroom/articles/{id}");
        Assert.Equal("Name the second source, please.", page.QuerySelector(".review-note .review-comment")!.TextContent);
    }

    [Fact]
    public async Task A_contributor_cannot_publish_and_nothing_changes()
    {
        using var contributor = await NewsroomClient.SignInAsync(Server, DemoLogins.Contributor);
        var id = await contributor.WriteAsync("Harbour dredging delayed again");
        var before = await Server.StoredAsync(id);

        using var response = await contributor.PostAsync($"/newsroom/articles/{id}?handler=Publish", [], tokenPage: $"/newsroom/articles/{id}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var after = await Server.StoredAsync(id);
        Assert.Equal((ArticleStatus.Draft, before.Version, (DateTime?)null), (after.Status, after.Version, after.PublishedAt));
    }

    [Fact]
    public async Task A_reporter_publishes_their_own_article_and_the_editor_links_to_it()
    {
        using var reporter = await NewsroomClient.SignInAsync(Server, DemoLogins.Reporter);
        var id = await reporter.WriteAsync("Night market returns to Foundry Square", "Stalls open at six.");

        using var published = await reporter.StepAsync(id, "Publish");

        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var path = await Server.PublicPathAsync(id);
        var page = await reporter.GetDocumentAsync($"/newsroom/articles/{id}");
        Assert.Equal("Published", page.QuerySelector(".article-state .status")!.TextContent);
        Assert.Equal(path, page.QuerySelector("a.public-link")!.GetAttribute("href"));
        var reader = await Server.GetDocumentAsync(path);
        Assert.Equal("Night market returns to Foundry Square", reader.QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task An_editor_schedules_in_the_publication_time_zone_and_unschedules()
    {
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);
        var id = await editor.WriteAsync("Bond measure heads to the summer ballot");

        // 9:30 AM on July 1 in Chicago (daylight time, UTC-5) is 14:30 UTC.
        using (var scheduled = await editor.StepAsync(id, "Schedule", new() { ["publishAt"] = "2030-07-01T09:30" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, scheduled.StatusCode);
        }

        var stored = await Server.StoredAsync(id);
        Assert.Equal(ArticleStatus.Scheduled, stored.Status);
        Assert.Equal(new DateTime(2030, 7, 1, 14, 30, 0, DateTimeKind.Utc), stored.ScheduledFor);
        var page = await editor.GetDocumentAsync($"/newsroom/articles/{id}");
        Assert.Equal("2030-07-01T09:30:00-05:00", page.QuerySelector(".article-state time")!.GetAttribute("datetime"));
        Assert.Equal("2030-07-01T09:30", page.QuerySelector("input[name=publishAt]")!.GetAttribute("value"));

        using (var unscheduled = await editor.StepAsync(id, "Unschedule"))
        {
            Assert.Equal(HttpStatusCode.Redirect, unscheduled.StatusCode);
        }

        stored = await Server.StoredAsync(id);
        Assert.Equal((ArticleStatus.Draft, (DateTime?)null), (stored.Status, stored.ScheduledFor));
    }

    [Fact]
    public async Task A_time_in_the_past_is_refused_on_the_editor_with_a_message()
    {
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);
        var id = await editor.WriteAsync("Library card drive");

        using var response = await editor.StepAsync(id, "Schedule", new() { ["publishAt"] = "2001-01-01T08:00" });
        var page = await response.ParseAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("in the future", page.QuerySelector(".errors")!.TextContent);
        Assert.Equal("2001-01-01T08:00", page.QuerySelector("input[name=publishAt]")!.GetAttribute("value"));
        Assert.Equal(ArticleStatus.Draft, (await Server.StoredAsync(id)).Status);
    }

    [Fact]
    public async Task A_step_the_state_does_not_allow_gets_a_clear_message()
    {
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);
        var id = await editor.WriteAsync("Seed library opens");

        using var response = await editor.PostAsync($"/newsroom/articles/{id}?handler=Unpublish", [], tokenPage: $"/newsroom/articles/{id}");
        var page = await response.ParseAsync();

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("cannot be unpublished", page.QuerySelector(".errors")!.TextContent);
    }

    [Fact]
    public async Task Unpublishing_answers_410_at_the_public_url_and_republishing_brings_it_back()
    {
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);
        var id = await editor.WriteAsync("Rowing club wins regional title");
        (await editor.StepAsync(id, "Publish")).Dispose();
        var path = await Server.PublicPathAsync(id);
        Assert.Equal(HttpStatusCode.OK, (await Server.Client.GetAsync(path)).StatusCode);

        var page = await editor.GetDocumentAsync($"/newsroom/articles/{id}");
        Assert.Equal("Unpublish", page.QuerySelector(ArticleTestSteps.StepButton(id, "Unpublish") + ".danger")!.TextContent);
        using (var unpublished = await editor.StepAsync(id, "Unpublish"))
        {
            Assert.Equal(HttpStatusCode.Redirect, unpublished.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Gone, (await Server.Client.GetAsync(path)).StatusCode);

        using (var republished = await editor.StepAsync(id, "Republish"))
        {
            Assert.Equal(HttpStatusCode.Redirect, republished.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await Server.Client.GetAsync(path)).StatusCode);
        Assert.Equal(ArticleStatus.Published, (await Server.StoredAsync(id)).Status);
    }

    [Fact]
    public async Task The_audit_log_gives_the_scheduled_time_in_the_publication_time_zone()
    {
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);
        var id = await editor.WriteAsync("Regatta moved to Sunday");

        (await editor.StepAsync(id, "Schedule", new() { ["publishAt"] = "2030-07-01T09:30" })).Dispose();

        var details = await Server.InScopeAsync(services => services.GetRequiredService<MastheadDb>().AuditLog
            .Where(e => e.ArticleId == id && e.Action == AuditActions.Scheduled).Select(e => e.Details).SingleAsync());
        Assert.Equal("Regatta moved to Sunday at July 1, 2030, 9:30 AM", details.Replace('\u202F', ' ')); // some ICU versions put a narrow space before AM
        Assert.Contains("9:30", details);
    }

    [Fact]
    public async Task A_scheduled_article_is_not_saved_without_a_byline()
    {
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);
        var id = await editor.WriteAsync("Tide tables for the regatta");
        (await editor.StepAsync(id, "Schedule", new() { ["publishAt"] = "2030-08-01T09:00" })).Dispose();
        var before = await Server.StoredAsync(id);

        using var response = await editor.SubmitAsync($"/newsroom/articles/{id}", ArticleTestSteps.EditorForm,
            new() { ["Form.AuthorIds[0]"] = "", ["Form.BodyMarkdown"] = "Changed." }, button: "intent=save");
        var page = await response.ParseAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("An article that is scheduled needs at least one byline.", page.QuerySelector(".bylines .error")!.TextContent);
        var after = await Server.StoredAsync(id);
        Assert.Equal((ArticleStatus.Scheduled, before.Version, 1, "A first paragraph."), (after.Status, after.Version, after.Authors.Count, after.BodyMarkdown));
    }

    [Fact]
    public async Task Until_first_publication_a_slug_made_from_the_headline_follows_it_and_then_stays()
    {
        using var reporter = await NewsroomClient.SignInAsync(Server, DemoLogins.Reporter);
        var id = await reporter.WriteAsync("Mayor to seek a second term");
        Assert.Equal("mayor-to-seek-a-second-term", (await Server.StoredAsync(id)).Slug);

        await SaveAsync(reporter, id, new() { ["Form.Headline"] = "Mayor will not seek a second term" });
        Assert.Equal("mayor-will-not-seek-a-second-term", (await Server.StoredAsync(id)).Slug);

        await SaveAsync(reporter, id, new() { ["Form.Slug"] = "mayor-term" });
        await SaveAsync(reporter, id, new() { ["Form.Headline"] = "Mayor steps aside" });
        Assert.Equal("mayor-term", (await Server.StoredAsync(id)).Slug);

        await SaveAsync(reporter, id, new() { ["Form.Slug"] = "" });
        (await reporter.StepAsync(id, "Publish")).Dispose();
        await SaveAsync(reporter, id, new() { ["Form.Headline"] = "Mayor steps aside after two terms" });
        var published = await Server.StoredAsync(id);
        Assert.Equal(("Mayor steps aside after two terms", "mayor-steps-aside"), (published.Headline, published.Slug));
    }

    private static async Task SaveAsync(NewsroomClient client, int id, Dictionary<string, string> values)
    {
        using var response = await client.SubmitAsync($"/newsroom/articles/{id}", ArticleTestSteps.EditorForm, values, button: "intent=save");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
