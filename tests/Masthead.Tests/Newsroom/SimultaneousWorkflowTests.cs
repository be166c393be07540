using System.Net;
using Masthead.Core.Articles;
using Masthead.Core.Audit;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Masthead.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Newsroom;

/// <summary>
/// Two editors press the same workflow button, or add a correction, at the same moment: each gets the change or a
/// clear refusal on the editor, never an error; the step happens once; no correction's text is lost.
/// </summary>
public sealed class SimultaneousWorkflowTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private MastheadServer Server => site.Server;

    [Fact]
    public async Task Publish_pressed_twice_at_once_publishes_once_and_tells_the_second_it_already_is()
    {
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);
        using var admin = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);
        for (var round = 1; round <= SimultaneousPresses.Rounds; round++)
        {
            var id = await DraftAsync($"Publish race {round}");

            var answers = await SimultaneousPresses.TogetherAsync(
                await editor.OpenButtonAsync($"/newsroom/articles/{id}", ArticleTestSteps.StepButton(id, "Publish")),
                await admin.OpenButtonAsync($"/newsroom/articles/{id}", ArticleTestSteps.StepButton(id, "Publish")));

            await AssertOnceAsync(answers, id, AuditActions.Published, "This article is already published.");
            Assert.Equal(ArticleStatus.Published, (await Server.StoredAsync(id)).Status);
        }
    }

    [Fact]
    public async Task Unpublish_pressed_twice_at_once_unpublishes_once_and_tells_the_second_it_already_is()
    {
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);
        using var admin = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);
        for (var round = 1; round <= SimultaneousPresses.Rounds; round++)
        {
            var id = await PublishedAsync($"Unpublish race {round}");

            var answers = await SimultaneousPresses.TogetherAsync(
                await editor.OpenButtonAsync($"/newsroom/articles/{id}", ArticleTestSteps.StepButton(id, "Unpublish")),
                await admin.OpenButtonAsync($"/newsroom/articles/{id}", ArticleTestSteps.StepButton(id, "Unpublish")));

            await AssertOnceAsync(answers, id, AuditActions.Unpublished, "This article is already unpublished.");
            Assert.Equal(ArticleStatus.Unpublished, (await Server.StoredAsync(id)).Status);
        }
    }

    [Fact]
    public async Task Corrections_added_at_once_are_both_added()
    {
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);
        using var admin = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);
        for (var round = 1; round <= SimultaneousPresses.Rounds; round++)
        {
            var id = await PublishedAsync($"Correction race {round}");
            var (first, second) = ($"Round {round}: the count was 412, not 421.", $"Round {round}: the mayor's name is Okafor.");

            var answers = await SimultaneousPresses.TogetherAsync(
                await editor.OpenAsync($"/newsroom/articles/{id}", StepForm(id, "AddNote"), new() { ["kind"] = "Correction", ["text"] = first }),
                await admin.OpenAsync($"/newsroom/articles/{id}", StepForm(id, "AddNote"), new() { ["kind"] = "Correction", ["text"] = second }));

            Assert.All(answers, answer => Assert.Equal(HttpStatusCode.Redirect, answer.Status));
            Assert.Equal([first, second], (await NotesAsync(id)).Order(StringComparer.Ordinal));
            Assert.Equal(2, (await Server.AuditAsync(AuditActions.Corrected, id)).Count);
        }
    }

    [Fact]
    public async Task A_correction_refused_because_the_article_was_unpublished_at_the_same_moment_keeps_its_text()
    {
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);
        using var admin = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);
        for (var round = 1; round <= SimultaneousPresses.Rounds; round++)
        {
            var id = await PublishedAsync($"Correction and unpublish race {round}");
            var text = $"Round {round}: an earlier version misspelt the harbour master's name.";

            var answers = await SimultaneousPresses.TogetherAsync(
                await editor.OpenAsync($"/newsroom/articles/{id}", StepForm(id, "AddNote"), new() { ["kind"] = "Correction", ["text"] = text }),
                await admin.OpenButtonAsync($"/newsroom/articles/{id}", ArticleTestSteps.StepButton(id, "Unpublish")));

            Assert.True(answers[1].Succeeded, $"Round {round}: unpublishing answered {(int)answers[1].Status}.");
            var notes = await NotesAsync(id);
            if (answers[0].Succeeded)
            {
                Assert.Equal([text], notes);
                continue;
            }

            Assert.Equal(HttpStatusCode.Conflict, answers[0].Status);
            Assert.Empty(notes);
            var page = await answers[0].PageAsync();
            Assert.Equal("Notes are added to published articles; this one is not published.", await answers[0].RefusalAsync());
            Assert.Equal(text, page.QuerySelector(".notes textarea")!.TextContent);
        }
    }

    [Fact]
    public async Task A_step_and_a_save_from_the_same_version_at_once_never_both_succeed_and_the_later_gets_the_conflict_page()
    {
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);
        using var admin = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);
        for (var round = 1; round <= SimultaneousPresses.Rounds; round++)
        {
            var id = await DraftAsync($"Save and publish race {round}");
            var body = $"Round {round}: the ferry resumes on Monday.";

            var answers = await SimultaneousPresses.TogetherAsync(
                await editor.OpenButtonAsync($"/newsroom/articles/{id}", ArticleTestSteps.StepButton(id, "Publish")),
                await admin.OpenAsync($"/newsroom/articles/{id}", ArticleTestSteps.EditorForm, new() { ["Form.BodyMarkdown"] = body, ["intent"] = "save" }));

            // Both were made from the same version: whichever comes second would act on a version its person never saw.
            Assert.Single(answers, answer => answer.Succeeded);
            var stored = await Server.StoredAsync(id);
            var refused = answers.Single(answer => !answer.Succeeded);
            Assert.Equal(HttpStatusCode.Conflict, refused.Status);
            var conflict = await refused.PageAsync();
            Assert.NotNull(conflict.QuerySelector(".conflict-notice"));
            if (answers[0].Succeeded)
            {
                Assert.Equal((ArticleStatus.Published, "The ferry is late."), (stored.Status, stored.BodyMarkdown));
                Assert.Equal(body, conflict.QuerySelector("form#article-form textarea[name='Form.BodyMarkdown']")!.TextContent.Trim());
            }
            else
            {
                Assert.Equal((ArticleStatus.Draft, body), (stored.Status, stored.BodyMarkdown));
                Assert.Contains("the article was not published", conflict.QuerySelector(".conflict-notice")!.TextContent);
            }
        }
    }

    /// <summary>One press made the change and one was told why not, on the editor; the audit log has the step once.</summary>
    private async Task AssertOnceAsync(Answer[] answers, int id, string action, string refusal)
    {
        Assert.All(answers, answer => Assert.Contains(answer.Status, new[] { HttpStatusCode.Redirect, HttpStatusCode.Conflict }));
        Assert.Single(answers, answer => answer.Succeeded);
        var refused = answers.Single(answer => !answer.Succeeded);
        Assert.Equal(refusal, await refused.RefusalAsync());
        Assert.Single(await Server.AuditAsync(action, id));
    }

    private static string StepForm(int id, string handler) => $"form[action='/newsroom/articles/{id}?handler={handler}']";

    private Task<List<string>> NotesAsync(int id) => Server.InScopeAsync(services =>
        services.GetRequiredService<MastheadDb>().ArticleNotes.AsNoTracking().Where(n => n.ArticleId == id).Select(n => n.Text).ToListAsync());

    private Task<int> DraftAsync(string headline) => Server.InScopeAsync(async services =>
    {
        var tobias = await services.GetRequiredService<MastheadDb>().Staff.SingleAsync(s => s.Slug == "tobias-wren");
        return await services.GetRequiredService<ArticleService>().CreateAsync(Actor.For(tobias), new ArticleInput { Headline = headline, BodyMarkdown = "The ferry is late." });
    });

    private async Task<int> PublishedAsync(string headline)
    {
        var id = await DraftAsync(headline);
        await Server.InScopeAsync(services => services.GetRequiredService<PublishingService>().PublishAsync(Actor.System, id));
        return id;
    }
}
