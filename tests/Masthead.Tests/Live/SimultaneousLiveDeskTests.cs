using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Masthead.Core.Audit;
using Masthead.Core.Live;
using Masthead.Core.Storage;
using Masthead.Testing;
using Masthead.Tests.Newsroom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Live;

/// <summary>
/// Two people at the live desk press at the same moment: ending or resuming coverage happens once, with one event
/// and one audit entry, and the second press is told it was already done; no typed update is lost.
/// </summary>
public sealed class SimultaneousLiveDeskTests : LiveDeskTestBase
{
    [Fact]
    public async Task End_pressed_twice_at_once_ends_coverage_once_and_tells_the_second_it_already_had()
    {
        using var editor = await StartedByEditorAsync();
        using var admin = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);
        for (var round = 1; round <= SimultaneousPresses.Rounds; round++)
        {
            await ResumeIfEndedAsync();
            var (events, audit) = (await EventTypesAsync(), await Server.AuditAsync(AuditActions.LiveEnded, StoryId));

            var answers = await SimultaneousPresses.TogetherAsync(
                await editor.OpenAsync(Desk, "form[action*='handler=End']"),
                await admin.OpenAsync(Desk, "form[action*='handler=End']"));

            Assert.Equal(["Coverage has ended.", "Coverage of this story had already ended; nothing changed."],
                (await FlashesAsync(answers, editor, admin)).Order(StringComparer.Ordinal));
            Assert.Equal(["ended"], (await EventTypesAsync()).Skip(events.Count));
            Assert.Single((await Server.AuditAsync(AuditActions.LiveEnded, StoryId)).Skip(audit.Count));
        }
    }

    [Fact]
    public async Task Resume_pressed_twice_at_once_resumes_coverage_once_and_tells_the_second_it_already_had()
    {
        using var editor = await StartedByEditorAsync();
        using var admin = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);
        for (var round = 1; round <= SimultaneousPresses.Rounds; round++)
        {
            await Server.InScopeAsync(services => services.GetRequiredService<LiveService>().EndAsync(Core.Publishing.Actor.System, StoryId));
            var (events, audit) = (await EventTypesAsync(), await Server.AuditAsync(AuditActions.LiveResumed, StoryId));

            var answers = await SimultaneousPresses.TogetherAsync(
                await editor.OpenAsync(Desk, "form[action*='handler=Start']"),
                await admin.OpenAsync(Desk, "form[action*='handler=Start']"));

            Assert.Equal(["Coverage of this story was already live; nothing changed.", "Live coverage has started."],
                (await FlashesAsync(answers, editor, admin)).Order(StringComparer.Ordinal));
            Assert.Equal(["resumed"], (await EventTypesAsync()).Skip(events.Count));
            Assert.Single((await Server.AuditAsync(AuditActions.LiveResumed, StoryId)).Skip(audit.Count));
        }
    }

    [Fact]
    public async Task An_update_posted_as_coverage_ends_is_posted_first_or_comes_back_with_its_text()
    {
        using var editor = await StartedByEditorAsync();
        using var admin = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);
        for (var round = 1; round <= SimultaneousPresses.Rounds; round++)
        {
            await ResumeIfEndedAsync();
            var body = $"Round {round}: the council adjourned at 11:40.";

            var answers = await SimultaneousPresses.TogetherAsync(
                await editor.OpenAsync(Desk, "form[action*='handler=Update']", new() { ["Title"] = $"Adjourned {round}", ["Body"] = body }),
                await admin.OpenAsync(Desk, "form[action*='handler=End']"));

            Assert.True(answers[1].Succeeded, $"Round {round}: ending answered {(int)answers[1].Status}.");
            if (answers[0].Succeeded)
            {
                Assert.Contains(body, await StoredBodiesAsync());
                continue;
            }

            Assert.Equal(HttpStatusCode.Conflict, answers[0].Status);
            Assert.DoesNotContain(body, await StoredBodiesAsync());
            var page = await answers[0].PageAsync();
            Assert.Contains("Coverage of this story has ended.", await answers[0].RefusalAsync());
            Assert.Equal(body, page.QuerySelector("textarea[name=Body]")!.TextContent.Trim());
            Assert.Equal($"Adjourned {round}", page.QuerySelector("input[name=Title]")!.GetAttribute("value"));
        }
    }

    [Fact]
    public async Task Two_edits_of_one_update_at_once_save_one_and_give_the_other_back_with_its_text()
    {
        using var editor = await StartedByEditorAsync();
        using var admin = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);
        for (var round = 1; round <= SimultaneousPresses.Rounds; round++)
        {
            var id = await PostedAsync($"Round {round}: the vote was 5-4.");
            var (mine, theirs) = ($"Round {round}: the vote was 6-3.", $"Round {round}: the vote was 5-4, with one abstention.");

            var answers = await SimultaneousPresses.TogetherAsync(
                await editor.OpenAsync($"{Desk}?edit={id}", "form[action*='handler=Edit']", new() { ["Body"] = mine }),
                await admin.OpenAsync($"{Desk}?edit={id}", "form[action*='handler=Edit']", new() { ["Body"] = theirs }));

            var saved = Assert.Single(answers, answer => answer.Succeeded);
            var refused = answers.Single(answer => !answer.Succeeded);
            var (savedText, refusedText) = saved == answers[0] ? (mine, theirs) : (theirs, mine);
            Assert.Equal(HttpStatusCode.Conflict, refused.Status);
            Assert.StartsWith("Someone else changed this update while you were editing it", await refused.RefusalAsync());
            var page = await refused.PageAsync();
            Assert.Equal(refusedText, page.QuerySelector("textarea[name=Body]")!.TextContent.Trim());
            Assert.Contains(savedText, DeskItem(page, savedText).TextContent);
            Assert.Equal(savedText, await StoredBodyAsync(id));
        }
    }

    [Fact]
    public async Task Pin_delete_and_edit_of_one_update_at_once_never_fail_and_never_pin_a_deleted_update()
    {
        using var editor = await StartedByEditorAsync();
        using var admin = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);
        for (var round = 1; round <= SimultaneousPresses.Rounds; round++)
        {
            var id = await PostedAsync($"Round {round}: a duplicate post.");
            var edit = $"Round {round}: an edited post.";
            var desk = await editor.GetDocumentAsync(Desk);

            var answers = await SimultaneousPresses.TogetherAsync(
                editor.Press(UpdateForm(desk, id, "Pin"), pagePath: Desk),
                await admin.OpenAsync(Desk, $"#desk-update-{id} form[action*='handler=Delete']"),
                await editor.OpenAsync($"{Desk}?edit={id}", "form[action*='handler=Edit']", new() { ["Body"] = edit }));

            Assert.True(answers[1].Succeeded, $"Round {round}: deleting answered {(int)answers[1].Status}.");
            Assert.All(answers, answer => Assert.Contains(answer.Status, new[] { HttpStatusCode.Redirect, HttpStatusCode.NotFound }));
            var pinned = await Server.InScopeAsync(services => services.GetRequiredService<LiveQueries>().CoverageAsync(StoryId));
            Assert.NotEqual(id, pinned!.PinnedUpdateId);
            if (!answers[2].Succeeded)
            {
                Assert.Equal(edit, (await answers[2].PageAsync()).QuerySelector("textarea[name=Body]")!.TextContent.Trim());
            }
        }
    }

    private static IHtmlFormElement UpdateForm(IDocument desk, int id, string handler) =>
        (IHtmlFormElement)desk.QuerySelector($"#desk-update-{id} form[action*='handler={handler}']")!;

    /// <summary>What each person's desk says after their press, in the order of the answers.</summary>
    private static async Task<List<string>> FlashesAsync(Answer[] answers, params NewsroomClient[] clients)
    {
        var flashes = new List<string>();
        for (var i = 0; i < answers.Length; i++)
        {
            Assert.True(answers[i].Succeeded, $"Press {i + 1} answered {(int)answers[i].Status}: {await answers[i].RefusalAsync()}");
            flashes.Add((await clients[i].GetDocumentAsync(answers[i].Location!)).QuerySelector(".flash")!.TextContent);
        }

        return flashes;
    }

    /// <summary>Makes coverage live again for the next round, when the round before ended it.</summary>
    private async Task ResumeIfEndedAsync()
    {
        if ((await Server.StoredAsync(StoryId)).Coverage != CoverageStatus.Live)
        {
            await Server.InScopeAsync(services => services.GetRequiredService<LiveService>().StartAsync(Core.Publishing.Actor.System, StoryId));
        }
    }

    private async Task<int> PostedAsync(string body)
    {
        await ResumeIfEndedAsync();
        return await Server.InScopeAsync(services =>
            services.GetRequiredService<LiveService>().PostAsync(Core.Publishing.Actor.System, StoryId, new LiveUpdateInput(null, body)));
    }

    private Task<List<string>> EventTypesAsync() => Server.InScopeAsync(services =>
        services.GetRequiredService<MastheadDb>().LiveEvents.AsNoTracking().Where(e => e.ArticleId == StoryId).OrderBy(e => e.Sequence).Select(e => e.Type).ToListAsync());

    private Task<List<string>> StoredBodiesAsync() => Server.InScopeAsync(services =>
        services.GetRequiredService<MastheadDb>().LiveUpdates.AsNoTracking().Where(u => u.ArticleId == StoryId && u.DeletedAt == null).Select(u => u.BodyMarkdown).ToListAsync());

    private Task<string> StoredBodyAsync(int id) => Server.InScopeAsync(services =>
        services.GetRequiredService<MastheadDb>().LiveUpdates.AsNoTracking().Where(u => u.Id == id).Select(u => u.BodyMarkdown).SingleAsync());
}
