using Masthead.Core.Articles;
using Masthead.Core.Live;
using Masthead.Core.Storage;
using Masthead.Testing;
using Masthead.Tests.Newsroom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Live;

/// <summary>What is done at the live desk is in the audit log: who started, posted, edited, pinned, deleted, ended and resumed.</summary>
public sealed class LiveDeskAuditTests : LiveDeskTestBase
{
    [Fact]
    public async Task Every_action_at_the_desk_is_in_the_audit_log_with_who_did_it_and_to_what()
    {
        var (other, otherHeadline, anaya) = await Server.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<MastheadDb>();
            var article = await db.Articles
                .Where(a => a.Status == ArticleStatus.Published && a.Coverage == CoverageStatus.None).OrderBy(a => a.Id).FirstAsync();
            return (article.Id, article.Headline, await db.Staff.Where(s => s.Slug == "anaya-kessler").Select(s => s.Id).SingleAsync());
        });
        var headline = (await Server.StoredAsync(StoryId)).Headline;
        using var editor = await StartedByEditorAsync();

        (await editor.SubmitAsync($"/newsroom/live/{other}", "form[action*='handler=Start']", [])).Dispose();
        (await PostUpdateAsync(editor, "The council has adjourned.", "Recess")).Dispose();
        var id = DeskItem(await editor.GetDocumentAsync(Desk), "Recess").Id!["desk-update-".Length..];
        (await editor.SubmitAsync($"{Desk}?edit={id}", "form[action*='handler=Edit']", new() { ["Title"] = "Recess", ["Body"] = "The council has adjourned for ten minutes." }))
            .Dispose();
        (await editor.SubmitAsync(Desk, $"#desk-update-{id} form[action*='handler=Pin']", [])).Dispose();
        (await editor.SubmitAsync(Desk, $"#desk-update-{id} form[action*='handler=Delete']", [])).Dispose();
        (await editor.SubmitAsync(Desk, "form[action*='handler=End']", [])).Dispose();
        (await editor.SubmitAsync(Desk, "form[action*='handler=Start']", [])).Dispose();
        using var admin = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);
        var log = await admin.GetDocumentAsync($"/newsroom/audit?actor={anaya}"); // her sign-in came before, the administrator's is not hers

        var entries = log.QuerySelectorAll("tr.audit-entry").Take(7).Reverse().Select(entry => (
            entry.QuerySelector(".audit-action")!.TextContent,
            entry.QuerySelector(".audit-actor")!.TextContent,
            entry.QuerySelector("a[href^='/newsroom/articles/']")!.GetAttribute("href"),
            entry.QuerySelector(".audit-details")!.TextContent)).ToList();
        var story = $"/newsroom/articles/{StoryId}";
        Assert.Equal(
        [
            ("live-started", "Anaya Kessler", $"/newsroom/articles/{other}", otherHeadline),
            ("live-posted", "Anaya Kessler", story, $"Update {id}: Recess"),
            ("live-edited", "Anaya Kessler", story, $"Update {id}: Recess"),
            ("live-pinned", "Anaya Kessler", story, $"Update {id}: Recess"),
            ("live-deleted", "Anaya Kessler", story, $"Update {id}: Recess"),
            ("live-ended", "Anaya Kessler", story, headline),
            ("live-resumed", "Anaya Kessler", story, headline),
        ], entries);
    }
}
