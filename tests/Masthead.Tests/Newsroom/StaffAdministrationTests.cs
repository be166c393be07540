using System.Net;
using AngleSharp.Dom;
using Masthead.Core.People;
using Masthead.Core.Storage;
using Masthead.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Newsroom;

/// <summary>Administrators invite staff, change roles and deactivate accounts; nobody else can.</summary>
public sealed class StaffAdministrationTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private MastheadServer Server => site.Server;

    [Fact]
    public async Task The_staff_list_shows_role_status_and_account_email()
    {
        using var admin = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);

        var staff = await admin.GetDocumentAsync("/newsroom/staff");

        var anaya = Row(staff, "Anaya Kessler");
        Assert.Equal(DemoLogins.Editor.Email, anaya.QuerySelector(".account-email")!.TextContent);
        Assert.Equal("Editor", anaya.QuerySelector("select[name=role] option[selected]")!.TextContent);
        Assert.Equal("Active", anaya.QuerySelector(".staff-status span")!.TextContent);
        var everyone = await Server.InScopeAsync(services => services.GetRequiredService<MastheadDb>().Staff.CountAsync());
        Assert.Equal(everyone, staff.QuerySelectorAll("tr.staff-member").Length);
    }

    [Fact]
    public async Task An_invitation_gives_a_one_time_link_with_which_the_new_person_signs_in()
    {
        using var admin = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);

        using var invite = await admin.SubmitAsync("/newsroom/staff", "form[action*='handler=Invite']", new()
        {
            ["Invite.Name"] = "Marisol Quade",
            ["Invite.Email"] = "marisol@larkmoorlantern.example",
            ["Invite.JobTitle"] = "Photo Editor",
            ["Invite.Role"] = "Reporter",
        });
        var staff = await admin.GetDocumentAsync("/newsroom/staff");
        var link = new Uri(staff.QuerySelector(".set-password-link")!.GetAttribute("value")!);

        Assert.Equal(HttpStatusCode.Redirect, invite.StatusCode);
        Assert.Equal(Server.BaseAddress.GetLeftPart(UriPartial.Authority), link.GetLeftPart(UriPartial.Authority));
        Assert.Equal("Marisol Quade is invited as Reporter; the invitation is emailed to marisol@larkmoorlantern.example.", staff.QuerySelector(".flash")!.TextContent);
        Assert.Equal("marisol@larkmoorlantern.example", Row(staff, "Marisol Quade").QuerySelector(".account-email")!.TextContent);
        Assert.Null((await admin.GetDocumentAsync("/newsroom/staff")).QuerySelector(".set-password-link"));

        var newcomer = new NewsroomClient(Server);
        using var setPassword = await newcomer.SubmitAsync(link.PathAndQuery, "form", new() { ["Password"] = "river lanterns glow", ["Confirm"] = "river lanterns glow" });
        Assert.Equal("/newsroom/sign-in", setPassword.Headers.Location!.OriginalString);

        using var signedIn = await NewsroomClient.SignInAsync(Server, ("marisol@larkmoorlantern.example", "river lanterns glow"));
        Assert.Equal("Good to see you, Marisol Quade", (await signedIn.GetDocumentAsync("/newsroom")).QuerySelector("h1")!.TextContent);

        var again = await new NewsroomClient(Server).GetDocumentAsync(link.PathAndQuery);
        Assert.Contains("expired or was already used", again.QuerySelector(".errors")!.TextContent);
    }

    [Fact]
    public async Task An_invitation_with_a_bad_email_is_refused_and_keeps_what_was_typed()
    {
        using var admin = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);

        using var response = await admin.SubmitAsync("/newsroom/staff", "form[action*='handler=Invite']", new()
        {
            ["Invite.Name"] = "Pim Otterly",
            ["Invite.Email"] = DemoLogins.Editor.Email,
            ["Invite.Role"] = "Contributor",
        });
        var page = await MastheadServer.ParseAsync(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"{DemoLogins.Editor.Email} already has a staff account.", page.QuerySelector("[data-valmsg-for='Invite.Email']")!.TextContent);
        Assert.Equal("Pim Otterly", page.QuerySelector("input[name='Invite.Name']")!.GetAttribute("value"));
        Assert.DoesNotContain(page.QuerySelectorAll("tr.staff-member"), r => r.TextContent.Contains("Pim Otterly"));
    }

    [Fact]
    public async Task A_deactivated_person_cannot_sign_in_loses_their_session_and_keeps_their_bylines()
    {
        await using var server = await MastheadServer.StartAsync();
        using var reporter = await NewsroomClient.SignInAsync(server, DemoLogins.Reporter);
        using var admin = await NewsroomClient.SignInAsync(server, DemoLogins.Administrator);
        var id = RowId(Row(await admin.GetDocumentAsync("/newsroom/staff"), "Tobias Wren"));

        using var deactivate = await admin.SubmitAsync("/newsroom/staff", $"#staff-{id} form[action*='handler=Active']", []);

        Assert.Equal(HttpStatusCode.Redirect, deactivate.StatusCode);
        Assert.Equal("Deactivated", Row(await admin.GetDocumentAsync("/newsroom/staff"), "Tobias Wren").QuerySelector(".staff-status span")!.TextContent);
        using var session = await reporter.Http.GetAsync("/newsroom");
        Assert.StartsWith("/newsroom/sign-in", session.Headers.Location!.PathAndQuery);
        await Assert.ThrowsAsync<InvalidOperationException>(() => NewsroomClient.SignInAsync(server, DemoLogins.Reporter));

        var authorPage = await server.GetDocumentAsync("/author/tobias-wren");
        var article = await server.GetDocumentAsync(authorPage.QuerySelector(".story-headline a")!.GetAttribute("href")!);
        Assert.Contains("Tobias Wren", article.QuerySelector(".byline")!.TextContent);
        Assert.DoesNotContain("Tobias Wren", (await server.GetDocumentAsync("/staff")).QuerySelector("main")!.TextContent);

        using var reactivate = await admin.SubmitAsync("/newsroom/staff", $"#staff-{id} form[action*='handler=Active']", []);
        using var back = await NewsroomClient.SignInAsync(server, DemoLogins.Reporter);
    }

    [Fact]
    public async Task Deactivating_asks_for_confirmation_first_as_other_destructive_buttons_do()
    {
        using var admin = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);

        var staff = await admin.GetDocumentAsync("/newsroom/staff");

        var deactivate = Row(staff, "Anaya Kessler").QuerySelector("form[action*='handler=Active']")!;
        Assert.Equal("Deactivate", deactivate.QuerySelector("button")!.TextContent);
        Assert.StartsWith("Deactivate Anaya Kessler? They are signed out at once", deactivate.GetAttribute("data-confirm"));
        var script = staff.QuerySelector("script[src*='/js/newsroom.js']")!.GetAttribute("src")!;
        Assert.Contains("form.dataset.confirm", await Server.Client.GetStringAsync(script));
    }

    [Fact]
    public async Task Roles_change_at_once_but_the_last_administrator_stays()
    {
        await using var server = await MastheadServer.StartAsync();
        using var admin = await NewsroomClient.SignInAsync(server, DemoLogins.Administrator);
        using var contributor = await NewsroomClient.SignInAsync(server, DemoLogins.Contributor);
        var staff = await admin.GetDocumentAsync("/newsroom/staff");
        var ravi = RowId(Row(staff, "Ravi Holmgren"));
        var delphine = RowId(Row(staff, "Delphine Marrow"));
        await contributor.GetDocumentAsync("/newsroom/inbox", 403);

        using var promote = await admin.SubmitAsync("/newsroom/staff", $"#staff-{ravi} form[action*='handler=Role']", new() { ["role"] = "Editor" });
        await contributor.GetDocumentAsync("/newsroom/inbox");

        using var demote = await admin.SubmitAsync("/newsroom/staff", $"#staff-{delphine} form[action*='handler=Role']", new() { ["role"] = "Editor" });
        var refused = await MastheadServer.ParseAsync(await demote.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, demote.StatusCode);
        Assert.Contains("at least one active administrator", refused.QuerySelector(".errors")!.TextContent);
        Assert.Equal(NewsroomRole.Administrator, await RoleOfAsync(server, "delphine-marrow"));
        Assert.Equal(NewsroomRole.Editor, await RoleOfAsync(server, "ravi-holmgren"));
    }

    [Fact]
    public async Task An_administrator_can_issue_a_new_set_password_link()
    {
        using var admin = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);
        var id = RowId(Row(await admin.GetDocumentAsync("/newsroom/staff"), "Ravi Holmgren"));

        using var response = await admin.SubmitAsync("/newsroom/staff", $"#staff-{id} form[action*='handler=Link']", []);
        var staff = await admin.GetDocumentAsync("/newsroom/staff");
        var link = new Uri(staff.QuerySelector(".set-password-link")!.GetAttribute("value")!);
        var landing = await new NewsroomClient(Server).GetDocumentAsync(link.PathAndQuery);

        Assert.Equal("Set-password link for Ravi Holmgren", staff.QuerySelector("#link-heading")!.TextContent);
        Assert.Contains(DemoLogins.Contributor.Email, landing.QuerySelector("main")!.TextContent);
    }

    [Theory]
    [InlineData("editor")]
    [InlineData("reporter")]
    public async Task Only_administrators_manage_staff(string role)
    {
        using var someone = await NewsroomClient.SignInAsync(Server, role == "editor" ? DemoLogins.Editor : DemoLogins.Reporter);

        await someone.GetDocumentAsync("/newsroom/staff", 403);
        using var invite = await someone.PostAsync("/newsroom/staff?handler=Invite",
            new() { ["Invite.Name"] = "Sneaky Pete", ["Invite.Email"] = "pete@example.org", ["Invite.Role"] = "Administrator" });
        using var promote = await someone.PostAsync("/newsroom/staff?handler=Role", new() { ["id"] = "1", ["role"] = "Contributor" });

        Assert.Equal(HttpStatusCode.Forbidden, invite.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, promote.StatusCode);
        Assert.False(await Server.InScopeAsync(services => services.GetRequiredService<MastheadDb>().Staff.AnyAsync(s => s.Name == "Sneaky Pete")));
        Assert.Equal(NewsroomRole.Administrator, await RoleOfAsync(Server, "delphine-marrow"));
    }

    private static IElement Row(IDocument staff, string name) =>
        staff.QuerySelectorAll("tr.staff-member").Single(r => r.QuerySelector("td a")!.TextContent == name);

    private static string RowId(IElement row) => row.Id!["staff-".Length..];

    private static Task<NewsroomRole> RoleOfAsync(MastheadServer server, string slug) =>
        server.InScopeAsync(services => services.GetRequiredService<MastheadDb>().Staff.Where(s => s.Slug == slug).Select(s => s.Role).SingleAsync());
}
