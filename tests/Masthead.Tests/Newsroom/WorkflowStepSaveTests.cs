using System.Net;
using Masthead.Core.Articles;
using Masthead.Core.Audit;
using Masthead.Core.Events;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Masthead.Testing;
using Masthead.Tests.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Newsroom;

/// <summary>
/// Each workflow button sends the article's form and saves what was typed with the step: one revision holding the
/// new text, one audit entry, one ArticleChanged. A step with nothing changed stores no revision; a refused step
/// keeps everything typed; a step over a colleague's newer text goes to the conflict page.
/// </summary>
public sealed class WorkflowStepSaveTests(WorkflowStepSaveTests.RecordingSite site) : IClassFixture<WorkflowStepSaveTests.RecordingSite>
{
    /// <summary>One server for the class, with the events it raises recorded: each test steps an article of its own.</summary>
    public sealed class RecordingSite : IAsyncLifetime
    {
        internal RecordingRelay Relay { get; } = new();
        public MastheadServer Server { get; private set; } = null!;

        public async ValueTask InitializeAsync() =>
            Server = await MastheadServer.StartAsync(demo: true, services: services => services.AddSingleton<IChangeEventRelay>(Relay));

        public async ValueTask DisposeAsync() => await Server.DisposeAsync();
    }

    private MastheadServer Server => site.Server;
    private RecordingRelay Relay => site.Relay;

    public static TheoryData<string, string, string, string> Steps => new()
    {
        // step handler, state it starts from, who presses it, the audit action it records
        { "Submit", nameof(ArticleStatus.Draft), "reporter", AuditActions.Submitted },
        { "SendBack", nameof(ArticleStatus.InReview), "editor", AuditActions.SentBack },
        { "Publish", nameof(ArticleStatus.Draft), "reporter", AuditActions.Published },
        { "Schedule", nameof(ArticleStatus.Draft), "editor", AuditActions.Scheduled },
        { "Unschedule", nameof(ArticleStatus.Scheduled), "editor", AuditActions.Unscheduled },
        { "Unpublish", nameof(ArticleStatus.Published), "editor", AuditActions.Unpublished },
        { "Republish", nameof(ArticleStatus.Unpublished), "editor", AuditActions.Published },
    };

    [Theory]
    [MemberData(nameof(Steps))]
    public async Task A_step_saves_the_changed_form_as_one_revision_with_one_audit_entry_and_one_event(string handler, string from, string who, string action)
    {
        var id = await TobiasArticleAsync($"{handler} with an edit", Enum.Parse<ArticleStatus>(from));
        using var client = await NewsroomClient.SignInAsync(Server, who == "editor" ? DemoLogins.Editor : DemoLogins.Reporter);
        var revisionsBefore = (await Server.RevisionBodiesAsync(id)).Length;
        var auditBefore = await AuditIdsAsync(id);
        var body = $"Typed just before pressing {handler}: the ferry now runs at dawn.";
        Relay.Clear();

        using var response = await client.StepAsync(id, handler, StepValues(handler, new() { ["Form.BodyMarkdown"] = body, ["Form.Note"] = "Dawn sailing" }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await Server.StoredAsync(id);
        Assert.NotEqual(Enum.Parse<ArticleStatus>(from), stored.Status);
        Assert.Equal(body, stored.BodyMarkdown);
        var revisions = await Server.RevisionBodiesAsync(id);
        Assert.Equal(revisionsBefore + 1, revisions.Length);
        Assert.Equal(body, revisions[^1]);
        var entry = Assert.Single(await AuditSinceAsync(id, auditBefore));
        Assert.Equal(action, entry.Action);
        Assert.EndsWith($"(saved as revision {revisions.Length}: Dawn sailing)", entry.Details);
        var changed = Relay.Batches.SelectMany(b => b.Events).OfType<ArticleChanged>().Where(e => e.ArticleId == id);
        Assert.Single(changed);
    }

    [Fact]
    public async Task A_step_with_nothing_changed_in_the_form_stores_no_revision()
    {
        var id = await TobiasArticleAsync("Nothing typed before submitting", ArticleStatus.Draft);
        using var tobias = await NewsroomClient.SignInAsync(Server, DemoLogins.Reporter);
        var auditBefore = await AuditIdsAsync(id);

        using var response = await tobias.StepAsync(id, "Submit");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(ArticleStatus.InReview, (await Server.StoredAsync(id)).Status);
        Assert.Single(await Server.RevisionBodiesAsync(id));
        var entry = Assert.Single(await AuditSinceAsync(id, auditBefore));
        Assert.Equal((AuditActions.Submitted, "Nothing typed before submitting"), (entry.Action, entry.Details));
    }

    [Fact]
    public async Task A_step_refused_for_a_problem_in_the_form_saves_nothing_and_keeps_everything_typed()
    {
        var id = await TobiasArticleAsync("Publishing without a headline", ArticleStatus.Draft);
        using var tobias = await NewsroomClient.SignInAsync(Server, DemoLogins.Reporter);
        const string body = "A paragraph that must not be lost.";

        using var response = await tobias.StepAsync(id, "Publish", new() { ["Form.Headline"] = "", ["Form.BodyMarkdown"] = body, ["Form.Standfirst"] = "Typed too." });
        var page = await response.ParseAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("Nothing was saved and the article was not published", page.QuerySelector(".errors[role=alert]")!.TextContent.Trim());
        Assert.Equal("The headline is empty.", page.QuerySelector("#headline-problem")!.TextContent);
        Assert.Equal(body, page.QuerySelector("textarea[name='Form.BodyMarkdown']")!.TextContent.Trim());
        Assert.Equal("Typed too.", page.QuerySelector("textarea[name='Form.Standfirst']")!.TextContent.Trim());
        var stored = await Server.StoredAsync(id);
        Assert.Equal((ArticleStatus.Draft, "A first paragraph.", 1), (stored.Status, stored.BodyMarkdown, stored.Version));
    }

    [Fact]
    public async Task Removing_the_last_byline_while_publishing_is_refused_beside_the_bylines()
    {
        var id = await TobiasArticleAsync("Publishing without a byline", ArticleStatus.Draft);
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);

        using var response = await editor.StepAsync(id, "Publish", new() { ["Form.AuthorIds[0]"] = "", ["Form.BodyMarkdown"] = "Still here." });
        var page = await response.ParseAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("An article needs at least one byline before it is published.", page.QuerySelector(".bylines .error")!.TextContent);
        Assert.Equal("Still here.", page.QuerySelector("textarea[name='Form.BodyMarkdown']")!.TextContent.Trim());
        Assert.Equal((ArticleStatus.Draft, "A first paragraph."), ((await Server.StoredAsync(id)).Status, (await Server.StoredAsync(id)).BodyMarkdown));
    }

    [Fact]
    public async Task A_step_over_a_colleagues_newer_text_goes_to_the_conflict_page_and_takes_no_step()
    {
        var id = await TobiasArticleAsync("Two people, one story", ArticleStatus.Draft);
        using var tobias = await NewsroomClient.SignInAsync(Server, DemoLogins.Reporter);
        var opened = await tobias.GetDocumentAsync($"/newsroom/articles/{id}");
        await Server.InScopeAsync(async services =>
        {
            var article = await Server.StoredAsync(id);
            await services.GetRequiredService<ArticleService>().UpdateAsync(Actor.System, id,
                new ArticleInput { Headline = article.Headline, BodyMarkdown = "The colleague's newer text.", AuthorIds = [article.CreatedById!.Value] }, article.Version);
        });

        var button = (AngleSharp.Html.Dom.IHtmlButtonElement)opened.QuerySelector(ArticleTestSteps.StepButton(id, "Submit"))!;
        using var response = await tobias.PressAsync(button, new() { ["Form.BodyMarkdown"] = "Tobias's text." }, $"/newsroom/articles/{id}");
        var page = await response.ParseAsync();

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("the article was not submitted", page.QuerySelector(".conflict-notice")!.TextContent);
        Assert.Equal("Tobias's text.", page.QuerySelector("form#article-form textarea[name='Form.BodyMarkdown']")!.TextContent.Trim());
        var stored = await Server.StoredAsync(id);
        Assert.Equal((ArticleStatus.Draft, "The colleague's newer text."), (stored.Status, stored.BodyMarkdown));
    }

    /// <summary>What the step's own fields need besides the form: a time to schedule at, a note to send back with.</summary>
    private static Dictionary<string, string> StepValues(string handler, Dictionary<string, string> values)
    {
        if (handler == "Schedule")
        {
            values["publishAt"] = $"{DateTime.UtcNow.Year + 2}-05-01T09:00";
        }

        if (handler == "SendBack")
        {
            values["comment"] = "Check the timetable with the harbour office.";
        }

        return values;
    }

    private Task<int> TobiasArticleAsync(string headline, ArticleStatus state) => Server.InScopeAsync(async services =>
    {
        var tobias = await services.GetRequiredService<MastheadDb>().Staff.AsNoTracking().SingleAsync(s => s.Slug == "tobias-wren");
        var id = await services.GetRequiredService<ArticleService>().CreateAsync(Actor.For(tobias), new ArticleInput { Headline = headline, BodyMarkdown = "A first paragraph." });
        await services.GetRequiredService<PublishingService>().BringToAsync(id, state);
        return id;
    });

    private Task<List<long>> AuditIdsAsync(int id) => Server.InScopeAsync(services =>
        services.GetRequiredService<MastheadDb>().AuditLog.AsNoTracking().Where(e => e.ArticleId == id).Select(e => e.Id).ToListAsync());

    private Task<List<AuditEntry>> AuditSinceAsync(int id, List<long> before) => Server.InScopeAsync(services =>
        services.GetRequiredService<MastheadDb>().AuditLog.AsNoTracking().Where(e => e.ArticleId == id && !before.Contains(e.Id)).ToListAsync());
}
