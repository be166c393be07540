using System.Net;
using AngleSharp.Dom;
using Masthead.Testing;
using static Masthead.Tests.Newsroom.SignInSteps;

namespace Masthead.Tests.Newsroom;

/// <summary>
/// Sessions live on the server: signing out, a password change, deactivation or "sign out everywhere" ends them at
/// once, and a copy of the cookie is worth nothing afterwards. Each person sees and ends their own sessions.
/// </summary>
public sealed class SessionTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private const string Firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
    private const string IPhone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

    private MastheadServer Server => site.Server;

    [Fact]
    public async Task A_cookie_copied_before_signing_out_is_refused_afterwards()
    {
        var reporter = BrowserAt(Server, "203.0.113.60");
        await SignInAsync(reporter, DemoLogins.Reporter);
        var stolen = reporter.Cookies.GetCookieHeader(Server.BaseAddress);
        Assert.Contains("masthead.staff=", stolen);
        using var thief = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = Server.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await GetWithCookieAsync(thief, stolen)).StatusCode);

        await SignOutAsync(reporter);

        using var replayed = await GetWithCookieAsync(thief, stolen);
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.StartsWith("/newsroom/sign-in", PathOf(replayed.Headers.Location!));
    }

    [Fact]
    public async Task Changing_the_password_ends_every_other_session_at_once_and_keeps_this_one()
    {
        await using var server = await MastheadServer.StartAsync();
        var laptop = BrowserAt(server, "203.0.113.61");
        var phone = BrowserAt(server, "203.0.113.62");
        await SignInAsync(laptop, DemoLogins.Editor);
        await SignInAsync(phone, DemoLogins.Editor);

        using var changed = await laptop.SubmitAsync("/newsroom/account/password", "main form", new()
        {
            ["Current"] = DemoLogins.Editor.Password,
            ["NewPassword"] = "gulls over the harbour wall",
            ["Confirm"] = "gulls over the harbour wall",
        });

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.False(await IsSignedInAsync(phone));
        var stillIn = await laptop.GetDocumentAsync(changed.Headers.Location!.OriginalString);
        Assert.Equal("Your password is changed, and every other session of yours is signed out.", stillIn.QuerySelector(".flash")!.TextContent);
    }

    [Fact]
    public async Task Deactivation_ends_every_session_and_reactivation_opens_none_of_them_again()
    {
        await using var server = await MastheadServer.StartAsync();
        var tobias = BrowserAt(server, "203.0.113.63");
        await SignInAsync(tobias, DemoLogins.Reporter);
        using var admin = await NewsroomClient.SignInAsync(server, DemoLogins.Administrator);
        var row = StaffRow(await admin.GetDocumentAsync("/newsroom/staff"), "Tobias Wren");

        using var deactivated = await admin.SubmitAsync("/newsroom/staff", $"#{row.Id} form[action*='handler=Active']", []);
        using var reactivated = await admin.SubmitAsync("/newsroom/staff", $"#{row.Id} form[action*='handler=Active']", []);

        Assert.Equal(HttpStatusCode.Redirect, reactivated.StatusCode);
        Assert.False(await IsSignedInAsync(tobias));
        await SignInAsync(tobias, DemoLogins.Reporter);
    }

    [Fact]
    public async Task My_profile_lists_where_I_am_signed_in_and_ends_any_of_those_sessions()
    {
        await using var server = await MastheadServer.StartAsync();
        var laptop = BrowserAt(server, "203.0.113.64", Firefox);
        var phone = BrowserAt(server, "2001:db8:4:5::17", IPhone);
        var library = BrowserAt(server, "203.0.113.66");
        await SignInAsync(laptop, DemoLogins.Contributor);
        await SignInAsync(phone, DemoLogins.Contributor);
        await SignInAsync(library, DemoLogins.Contributor);
        var profile = await MyProfilePathAsync(laptop);

        var sessions = (await laptop.GetDocumentAsync(profile)).QuerySelectorAll("tr.session");
        Assert.Equal(["Firefox on Linux (this browser)", "Unknown browser", "Safari on iPhone"], sessions.Select(s => s.QuerySelector(".session-device")!.TextContent));
        Assert.Equal(["203.0.113.64", "203.0.113.66", "2001:db8:4:5::17"], sessions.Select(s => s.QuerySelector(".session-address")!.TextContent));
        Assert.All(sessions, s => Assert.NotNull(s.QuerySelector(".session-last-seen time")!.GetAttribute("datetime")));
        Assert.Null(sessions[0].QuerySelector("form")); // this browser signs out from the header

        using var ended = await laptop.SubmitAsync(profile, $"#{sessions[2].Id} form", []);
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.False(await IsSignedInAsync(phone));
        Assert.True(await IsSignedInAsync(library));
        Assert.Equal(2, (await laptop.GetDocumentAsync(profile)).QuerySelectorAll("tr.session").Length);

        using var everywhereElse = await laptop.SubmitAsync(profile, "form.end-other-sessions", []);
        Assert.False(await IsSignedInAsync(library));
        var after = await laptop.GetDocumentAsync(profile);
        Assert.Equal("You are signed out of 1 other session.", after.QuerySelector(".flash")!.TextContent);
        Assert.Equal(["Firefox on Linux (this browser)"], after.QuerySelectorAll("tr.session .session-device").Select(d => d.TextContent));
        Assert.Null(after.QuerySelector("form.end-other-sessions"));
    }

    [Fact]
    public async Task Nobody_ends_a_colleague_s_session_but_an_administrator()
    {
        var anaya = BrowserAt(Server, "203.0.113.67");
        await SignInAsync(anaya, DemoLogins.Editor);
        var sessionId = (await anaya.GetDocumentAsync(await MyProfilePathAsync(anaya))).QuerySelector("tr.session")!.Id!["session-".Length..];
        using var ravi = await NewsroomClient.SignInAsync(Server, DemoLogins.Contributor);
        var raviProfile = await MyProfilePathAsync(ravi);

        using var refused = await ravi.PostAsync($"{raviProfile}?handler=EndSession", new() { ["session"] = sessionId });

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.True(await IsSignedInAsync(anaya));
    }

    [Fact]
    public async Task An_administrator_signs_a_person_out_everywhere_from_the_staff_page()
    {
        await using var server = await MastheadServer.StartAsync();
        var desk = BrowserAt(server, "203.0.113.68");
        var home = BrowserAt(server, "203.0.113.69");
        await SignInAsync(desk, DemoLogins.Reporter);
        await SignInAsync(home, DemoLogins.Reporter);
        using var editor = await NewsroomClient.SignInAsync(server, DemoLogins.Editor);
        using var admin = await NewsroomClient.SignInAsync(server, DemoLogins.Administrator);
        var row = StaffRow(await admin.GetDocumentAsync("/newsroom/staff"), "Tobias Wren");
        var button = row.QuerySelector("form[action*='handler=EndSessions']")!;
        Assert.Equal("Sign out everywhere", button.QuerySelector("button")!.TextContent);
        Assert.StartsWith("Sign Tobias Wren out everywhere?", button.GetAttribute("data-confirm"));

        using var refused = await editor.PostAsync("/newsroom/staff?handler=EndSessions", new() { ["id"] = row.Id!["staff-".Length..] });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.True(await IsSignedInAsync(desk));

        using var ended = await admin.SubmitAsync("/newsroom/staff", $"#{row.Id} form[action*='handler=EndSessions']", []);
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.Equal("Tobias Wren is signed out everywhere (2 sessions ended).", (await admin.GetDocumentAsync("/newsroom/staff")).QuerySelector(".flash")!.TextContent);
        Assert.False(await IsSignedInAsync(desk));
        Assert.False(await IsSignedInAsync(home));
        Assert.True(await IsSignedInAsync(editor));
        await SignInAsync(desk, DemoLogins.Reporter);
    }

    [Fact]
    public async Task The_audit_log_records_sign_ins_failed_sign_ins_and_ended_sessions_but_never_a_password()
    {
        await using var server = await MastheadServer.StartAsync();
        const string typo = "lantern-reportr";
        Assert.False(await TrySignInAsync(BrowserAt(server, "198.51.100.90"), (DemoLogins.Reporter.Email, typo)));
        Assert.False(await TrySignInAsync(BrowserAt(server, "198.51.100.91"), ("someone-else@example.org", "hunter2 hunter2")));
        var tobias = BrowserAt(server, "203.0.113.70", Firefox);
        await SignInAsync(tobias, DemoLogins.Reporter);
        await SignOutAsync(tobias);
        using var admin = await NewsroomClient.SignInAsync(server, DemoLogins.Administrator);

        var log = await admin.GetDocumentAsync("/newsroom/audit");

        var entries = log.QuerySelectorAll("tr.audit-entry").Take(5)
            .Select(e => (e.QuerySelector(".audit-action")!.TextContent, e.QuerySelector(".audit-actor")!.TextContent, e.QuerySelector(".audit-details")!.TextContent))
            .ToList();
        Assert.Equal(
        [
            ("signed-in", "Delphine Marrow", "Unknown browser from 127.0.0.1"),
            ("session-ended", "Tobias Wren", "signed out: Firefox on Linux from 203.0.113.70"),
            ("signed-in", "Tobias Wren", "Firefox on Linux from 203.0.113.70"),
            ("sign-in-failed", "", "no account has the email someone-else@example.org, from 198.51.100.91"),
            ("sign-in-failed", "Tobias Wren", "wrong password, from 198.51.100.90"),
        ], entries);
        Assert.DoesNotContain(typo, log.DocumentElement.OuterHtml);
        Assert.DoesNotContain("hunter2", log.DocumentElement.OuterHtml);
    }

    private static async Task<HttpResponseMessage> GetWithCookieAsync(HttpClient client, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/newsroom");
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }

    /// <summary>Where "My profile" in the newsroom's header leads.</summary>
    private static async Task<string> MyProfilePathAsync(NewsroomClient browser) =>
        (await browser.GetDocumentAsync("/newsroom")).QuerySelectorAll(".desk-user a").Single(a => a.TextContent == "My profile").GetAttribute("href")!;

    private static IElement StaffRow(IDocument staff, string name) =>
        staff.QuerySelectorAll("tr.staff-member").Single(r => r.QuerySelector("td a")!.TextContent == name);
}
