using System.Net;
using Masthead.Core.People;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Masthead.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Newsroom;

/// <summary>
/// Two administrators or editors pressing the same button at the same moment on sections and tags, settings and the
/// staff: one change is made, the other is told why not with what they typed kept, and never an error page.
/// </summary>
public sealed class SimultaneousAdministrationTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private MastheadServer Server => site.Server;

    [Fact]
    public async Task One_section_created_twice_at_once_is_created_once_and_the_second_keeps_what_was_typed()
    {
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);
        using var admin = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);
        for (var round = 1; round <= SimultaneousPresses.Rounds; round++)
        {
            var name = $"Harbour {round}";

            var answers = await SimultaneousPresses.TogetherAsync(
                await editor.OpenAsync("/newsroom/sections", "form[action*='handler=Section']", new() { ["NewSection.Name"] = name, ["NewSection.Description"] = "Boats." }),
                await admin.OpenAsync("/newsroom/sections", "form[action*='handler=Section']", new() { ["NewSection.Name"] = name, ["NewSection.Description"] = "Ships." }));

            Assert.Single(answers, answer => answer.Succeeded);
            var refused = answers.Single(answer => !answer.Succeeded);
            Assert.Equal(HttpStatusCode.OK, refused.Status);
            var page = await refused.PageAsync();
            Assert.Equal($"The slug 'harbour-{round}' is not valid or is already used by another section.", page.QuerySelector("[data-valmsg-for='NewSection.Slug']")!.TextContent);
            Assert.Equal(name, page.QuerySelector("input[name='NewSection.Name']")!.GetAttribute("value"));
            Assert.Equal(1, await Server.InScopeAsync(services => services.GetRequiredService<MastheadDb>().Sections.CountAsync(s => s.Name == name)));
        }
    }

    [Fact]
    public async Task A_tag_deleted_twice_at_once_is_deleted_once_and_the_second_is_told()
    {
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);
        using var admin = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);
        for (var round = 1; round <= SimultaneousPresses.Rounds; round++)
        {
            var id = await Server.InScopeAsync(services => services.GetRequiredService<Core.Tags.TagService>().CreateAsync(Actor.System, $"Short-lived {round}"));
            var editorPage = $"/newsroom/tags/{id}";

            var answers = await SimultaneousPresses.TogetherAsync(
                await editor.OpenAsync(editorPage, "form[action*='handler=Delete']", new() { ["confirm"] = "true" }),
                await admin.OpenAsync(editorPage, "form[action*='handler=Delete']", new() { ["confirm"] = "true" }));

            Assert.All(answers, answer => Assert.Equal(HttpStatusCode.Redirect, answer.Status));
            var flashes = new[] { await FlashAsync(editor, answers[0]), await FlashAsync(admin, answers[1]) };
            Assert.Single(flashes, flash => flash == $"The tag Short-lived {round} is deleted and taken off 0 article(s).");
            Assert.Single(flashes,
                flash => flash is "That tag was already deleted; nothing changed." || flash == $"The tag Short-lived {round} was already deleted; nothing changed.");
        }
    }

    [Fact]
    public async Task A_section_renamed_as_it_is_deleted_is_renamed_first_or_the_rename_keeps_what_was_typed()
    {
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);
        using var admin = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);
        for (var round = 1; round <= SimultaneousPresses.Rounds; round++)
        {
            var id = await Server.InScopeAsync(services => services.GetRequiredService<Core.Sections.SectionService>().CreateAsync(Actor.System, $"Doomed {round}"));
            var editorPage = $"/newsroom/sections/{id}";
            var description = $"Round {round}: the weekly tide tables.";

            var answers = await SimultaneousPresses.TogetherAsync(
                await editor.OpenAsync(editorPage, "form[action*='handler=Save']", new() { ["Form.Description"] = description }),
                await admin.OpenAsync(editorPage, "form[action*='handler=Delete']", new() { ["confirm"] = "true" }));

            Assert.True(answers[1].Succeeded, $"Round {round}: deleting answered {(int)answers[1].Status}.");
            if (answers[0].Succeeded)
            {
                continue;
            }

            Assert.Equal(HttpStatusCode.Conflict, answers[0].Status);
            var page = await answers[0].PageAsync();
            Assert.Equal("Someone deleted this section while you were editing it, so nothing was saved. What you typed is below.",
                page.QuerySelector("form .errors li")!.TextContent);
            Assert.Equal(description, page.QuerySelector("textarea[name='Form.Description']")!.TextContent.Trim());
        }
    }

    [Fact]
    public async Task Settings_saved_twice_at_once_keep_the_first_and_give_the_second_back_as_typed()
    {
        using var admin = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);
        using var colleague = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);
        for (var round = 1; round <= SimultaneousPresses.Rounds; round++)
        {
            var (mine, theirs) = ($"Round {round}: lighting up Larkmoor.", $"Round {round}: fearless, frank and fair.");

            var answers = await SimultaneousPresses.TogetherAsync(
                await admin.OpenAsync("/newsroom/settings", "form.settings", new() { ["Form.Tagline"] = mine }),
                await colleague.OpenAsync("/newsroom/settings", "form.settings", new() { ["Form.Tagline"] = theirs }));

            var saved = Assert.Single(answers, answer => answer.Succeeded);
            var refused = answers.Single(answer => !answer.Succeeded);
            Assert.Equal(HttpStatusCode.Conflict, refused.Status);
            var page = await refused.PageAsync();
            Assert.StartsWith("Someone else saved the settings after you opened this page", page.QuerySelector(".conflict-notice")!.TextContent.Trim());
            var (savedTagline, refusedTagline) = saved == answers[0] ? (mine, theirs) : (theirs, mine);
            Assert.Equal(refusedTagline, page.QuerySelector("input[name='Form.Tagline']")!.GetAttribute("value"));
            Assert.Equal(savedTagline, await Server.InScopeAsync(services => services.GetRequiredService<MastheadDb>().Publication.Select(p => p.Tagline).SingleAsync()));
        }
    }

    [Fact]
    public async Task Two_administrators_deactivating_each_other_at_once_leave_one_in_charge()
    {
        var (delphine, anaya) = (await StaffIdAsync("delphine-marrow"), await StaffIdAsync("anaya-kessler"));
        await Server.InScopeAsync(services => services.GetRequiredService<StaffAccountService>().ChangeRoleAsync(Actor.System, anaya, NewsroomRole.Administrator));
        try
        {
            for (var round = 1; round <= SimultaneousPresses.Rounds; round++)
            {
                using var first = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);
                using var second = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);

                var answers = await SimultaneousPresses.TogetherAsync(
                    await first.OpenAsync("/newsroom/staff", $"#staff-{anaya} form[action*='handler=Active']"),
                    await second.OpenAsync("/newsroom/staff", $"#staff-{delphine} form[action*='handler=Active']"));

                Assert.All(answers, answer => Assert.Contains(answer.Status, new[] { HttpStatusCode.Redirect, HttpStatusCode.Conflict }));
                var active = await Server.InScopeAsync(services => services.GetRequiredService<MastheadDb>().Staff
                    .Where(s => s.Role == NewsroomRole.Administrator && s.IsActive).Select(s => s.Id).ToListAsync());
                Assert.Single(active);
                await Server.InScopeAsync(async services =>
                {
                    var accounts = services.GetRequiredService<StaffAccountService>();
                    await accounts.SetActiveAsync(Actor.System, delphine, true);
                    await accounts.SetActiveAsync(Actor.System, anaya, true);
                });
            }
        }
        finally
        {
            await Server.InScopeAsync(services => services.GetRequiredService<StaffAccountService>().ChangeRoleAsync(Actor.System, anaya, NewsroomRole.Editor));
        }
    }

    [Fact]
    public async Task Two_invitations_of_one_person_at_the_same_moment_invite_them_once()
    {
        using var admin = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);
        using var colleague = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);
        for (var round = 1; round <= SimultaneousPresses.Rounds; round++)
        {
            var (name, email) = ($"Invitee Number {round}", $"invitee-{round}@example.org");

            var answers = await SimultaneousPresses.TogetherAsync(
                await admin.OpenAsync("/newsroom/staff", "form[action*='handler=Invite']",
                    new() { ["Invite.Name"] = name, ["Invite.Email"] = email, ["Invite.Role"] = "Reporter" }),
                await colleague.OpenAsync("/newsroom/staff", "form[action*='handler=Invite']",
                    new() { ["Invite.Name"] = name, ["Invite.Email"] = email, ["Invite.Role"] = "Reporter" }));

            Assert.Single(answers, answer => answer.Succeeded);
            var refused = await answers.Single(answer => !answer.Succeeded).PageAsync();
            Assert.Equal($"{email} already has a staff account.", refused.QuerySelector("[data-valmsg-for='Invite.Email']")!.TextContent);
            Assert.Equal(1, await Server.InScopeAsync(services => services.GetRequiredService<MastheadDb>().Staff.CountAsync(s => s.Name == name)));
        }
    }

    [Fact]
    public async Task The_set_up_link_sent_twice_at_once_makes_one_first_administrator()
    {
        await using var fresh = await MastheadServer.StartAsync(demo: false);
        for (var round = 1; round <= SimultaneousPresses.Rounds; round++)
        {
            var link = $"/newsroom/setup?token={await FreshSetupTokenAsync(fresh)}";
            using var one = new NewsroomClient(fresh);
            using var other = new NewsroomClient(fresh);

            var answers = await SimultaneousPresses.TogetherAsync(
                await one.OpenAsync(link, "main form", new() { ["Name"] = "Odile Farrant", ["Email"] = "odile@example.org", ["Password"] = "tide tables and terns" }),
                await other.OpenAsync(link, "main form", new() { ["Name"] = "Second Comer", ["Email"] = "second@example.org", ["Password"] = "another long passphrase" }));

            Assert.Single(answers, answer => answer.Succeeded);
            var refused = answers.Single(answer => !answer.Succeeded);
            Assert.Equal(HttpStatusCode.OK, refused.Status);
            Assert.Contains("already been used", await refused.RefusalAsync());
            Assert.Equal((1, 1), await fresh.InScopeAsync(async services =>
            {
                var db = services.GetRequiredService<MastheadDb>();
                return (await db.Staff.CountAsync(), await db.Users.CountAsync());
            }));
        }
    }

    /// <summary>Empties the newsroom of <paramref name="server"/> and issues a new set-up link, as on a fresh install.</summary>
    private static Task<string> FreshSetupTokenAsync(MastheadServer server) => server.InScopeAsync(async services =>
    {
        var db = services.GetRequiredService<MastheadDb>();
        await db.AuditLog.ExecuteDeleteAsync();
        await db.Users.ExecuteDeleteAsync();
        await db.Staff.ExecuteDeleteAsync();
        await db.Publication.ExecuteUpdateAsync(set => set.SetProperty(p => p.SetupTokenHash, (string?)null));
        return (await services.GetRequiredService<StaffAccountService>().IssueSetupTokenAsync())!;
    });

    private static async Task<string> FlashAsync(NewsroomClient client, Answer answer) =>
        (await client.GetDocumentAsync(answer.Location!)).QuerySelector(".flash")!.TextContent;

    private Task<int> StaffIdAsync(string slug) => Server.InScopeAsync(services =>
        services.GetRequiredService<MastheadDb>().Staff.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync());
}
