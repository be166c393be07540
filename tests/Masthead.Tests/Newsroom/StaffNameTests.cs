using System.Net;
using AngleSharp.Dom;
using Masthead.Core.People;
using Masthead.Core.Storage;
using Masthead.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Newsroom;

/// <summary>
/// No one on the staff can take a name readers would take for a colleague's, in any disguise, by renaming themselves
/// or by invitation; and every rename is in the audit log with the old name and the new.
/// </summary>
public sealed class StaffNameTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private const string Taken = "Someone on the staff already has this name, or one too like it for readers to tell apart. Add a middle initial, say.";

    private MastheadServer Server => site.Server;

    [Theory]
    [InlineData("Delphine Marrow")]
    [InlineData("delphine marrow")]
    [InlineData("  DELPHINE   MARROW ")]
    [InlineData("Delphine-Marrow.")]
    [InlineData("D\u0435lphine Marr\u043Ew")] // Cyrillic е and о
    [InlineData("\uFF24\uFF45\uFF4C\uFF50\uFF48\uFF49\uFF4E\uFF45 \uFF2D\uFF41\uFF52\uFF52\uFF4F\uFF57")] // full-width letters
    [InlineData("Delph\u00EDne Marrow")] // í
    [InlineData("Delphine\u0301 Marrow")] // a combining accent
    [InlineData("DeIphine Marrow")] // a capital I for the l
    [InlineData("Delphine Marrovv")]
    public async Task A_contributor_cannot_take_the_administrators_name_in_any_disguise(string name)
    {
        var ravi = await StaffAsync("ravi-holmgren");
        using var contributor = await NewsroomClient.SignInAsync(Server, DemoLogins.Contributor);

        using var response = await contributor.SubmitAsync($"/newsroom/staff/{ravi.Id}", "main form", new()
        {
            ["Form.Name"] = name,
            ["Form.JobTitle"] = "Founder & Editorial Director",
            ["Form.PhotoUrl"] = "/demo/staff/delphine-marrow.svg",
        });
        var page = await response.ParseAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Taken, NameMessage(page));
        Assert.Equal(name, page.QuerySelector("input[name='Form.Name']")!.GetAttribute("value"));
        var stored = await StaffAsync("ravi-holmgren");
        Assert.Equal((ravi.Name, ravi.JobTitle, ravi.PhotoUrl), (stored.Name, stored.JobTitle, stored.PhotoUrl));
        Assert.Single((await Server.GetDocumentAsync("/staff")).QuerySelectorAll(".staff-name"), n => n.TextContent == "Delphine Marrow");
    }

    [Theory]
    [InlineData("Ravi\u200B Holmgren-Marrow")] // a zero-width space
    [InlineData("\u202EworraM enihpleD")] // a right-to-left override that shows the name backwards
    [InlineData("Ravi\tHolmgren")]
    public async Task A_name_with_invisible_or_control_characters_is_refused(string name)
    {
        var ravi = await StaffAsync("ravi-holmgren");
        using var contributor = await NewsroomClient.SignInAsync(Server, DemoLogins.Contributor);

        using var response = await contributor.SubmitAsync($"/newsroom/staff/{ravi.Id}", "main form", new() { ["Form.Name"] = name });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Type the name without invisible or control characters (zero-width spaces, direction marks, tabs).", NameMessage(await response.ParseAsync()));
        Assert.Equal(ravi.Name, (await StaffAsync("ravi-holmgren")).Name);
    }

    [Fact]
    public async Task A_rename_is_in_the_audit_log_with_the_old_name_and_the_new()
    {
        var tobias = await StaffAsync("tobias-wren");
        using var reporter = await NewsroomClient.SignInAsync(Server, DemoLogins.Reporter);

        using var renamed = await reporter.SubmitAsync($"/newsroom/staff/{tobias.Id}", "main form", new() { ["Form.Name"] = "Tobias J. Wren" });
        using var back = await reporter.SubmitAsync($"/newsroom/staff/{tobias.Id}", "main form", new() { ["Form.Name"] = tobias.Name });
        using var admin = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);
        var log = await admin.GetDocumentAsync("/newsroom/audit");

        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect), (renamed.StatusCode, back.StatusCode));
        var entries = log.QuerySelectorAll("tr.audit-entry").Where(e => e.QuerySelector(".audit-action")!.TextContent == "renamed")
            .Select(e => (e.QuerySelector(".audit-actor")!.TextContent, e.QuerySelector(".audit-details")!.TextContent)).ToList();
        Assert.Equal([("Tobias J. Wren", "Tobias J. Wren → Tobias Wren"), ("Tobias Wren", "Tobias Wren → Tobias J. Wren")], entries.Take(2));
    }

    [Fact]
    public async Task An_invitation_cannot_give_a_newcomer_a_colleagues_name()
    {
        using var admin = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);

        using var response = await admin.SubmitAsync("/newsroom/staff", "form[action*='handler=Invite']", new()
        {
            ["Invite.Name"] = "Anaya  KESSLER",
            ["Invite.Email"] = "not-anaya@example.org",
            ["Invite.Role"] = "Contributor",
        });
        var page = await response.ParseAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Taken, page.QuerySelector("[data-valmsg-for='Invite.Name']")!.TextContent);
        Assert.Equal("Anaya  KESSLER", page.QuerySelector("input[name='Invite.Name']")!.GetAttribute("value"));
        Assert.False(await Server.InScopeAsync(services => services.GetRequiredService<MastheadDb>().Users.AnyAsync(u => u.Email == "not-anaya@example.org")));
    }

    [Fact]
    public async Task Two_people_taking_one_new_name_at_the_same_moment_get_it_once()
    {
        var (ravi, tobias) = (await StaffAsync("ravi-holmgren"), await StaffAsync("tobias-wren"));
        using var contributor = await NewsroomClient.SignInAsync(Server, DemoLogins.Contributor);
        using var admin = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);
        for (var round = 1; round <= SimultaneousPresses.Rounds; round++)
        {
            var name = $"Morgan Hale {round}";

            var answers = await SimultaneousPresses.TogetherAsync(
                await contributor.OpenAsync($"/newsroom/staff/{ravi.Id}", "main form", new() { ["Form.Name"] = name }),
                await admin.OpenAsync($"/newsroom/staff/{tobias.Id}", "main form", new() { ["Form.Name"] = name }));

            Assert.Single(answers, answer => answer.Succeeded);
            var refused = answers.Single(answer => !answer.Succeeded);
            Assert.Equal(HttpStatusCode.OK, refused.Status);
            var page = await refused.PageAsync();
            Assert.Equal(Taken, NameMessage(page));
            Assert.Equal(name, page.QuerySelector("input[name='Form.Name']")!.GetAttribute("value"));
            Assert.Equal(1, await Server.InScopeAsync(services => services.GetRequiredService<MastheadDb>().Staff.CountAsync(s => s.Name == name)));
        }

        await Server.InScopeAsync(async services =>
        {
            var staff = services.GetRequiredService<StaffService>();
            foreach (var person in new[] { ravi, tobias })
            {
                await staff.UpdateProfileAsync(Core.Publishing.Actor.System, person.Id,
                    new ProfileInput(person.Name, person.JobTitle, person.Bio, person.PhotoUrl, person.PublicEmail));
            }
        });
    }

    [Fact]
    public async Task The_first_administrators_name_follows_the_same_rules()
    {
        await using var fresh = await MastheadServer.StartAsync(demo: false);
        var link = $"/newsroom/setup?token={await fresh.InScopeAsync(services => services.GetRequiredService<StaffAccountService>().IssueSetupTokenAsync())}";
        using var visitor = new NewsroomClient(fresh);

        using var response = await visitor.SubmitAsync(link, "main form",
            new() { ["Name"] = "Odile\u200B Farrant", ["Email"] = "odile@example.org", ["Password"] = "tide tables and terns" });
        var page = await response.ParseAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Type the name without invisible or control characters (zero-width spaces, direction marks, tabs).",
            page.QuerySelector("[data-valmsg-for=Name]")!.TextContent);
        Assert.Equal(0, await fresh.InScopeAsync(services => services.GetRequiredService<MastheadDb>().Staff.CountAsync()));
    }

    private static string NameMessage(IDocument page) => page.QuerySelector("[data-valmsg-for='Form.Name']")!.TextContent;

    private Task<StaffMember> StaffAsync(string slug) => Server.InScopeAsync(services =>
        services.GetRequiredService<MastheadDb>().Staff.AsNoTracking().SingleAsync(s => s.Slug == slug));
}
