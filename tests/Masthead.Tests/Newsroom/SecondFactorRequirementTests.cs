using System.Net;
using AngleSharp.Dom;
using Masthead.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Masthead.Tests.Newsroom.SecondFactorSteps;
using static Masthead.Tests.Newsroom.SignInSteps;

namespace Masthead.Tests.Newsroom;

/// <summary>
/// When administrators require a second factor of Editors and Administrators, such a person without one reaches
/// nothing in the newsroom but the pages that set one up: every page, handler and form post is refused, whether
/// their session began before the rule or after, until they have one.
/// </summary>
public sealed class SecondFactorRequirementTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private MastheadServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await MastheadServer.StartAsync(services: services => services.AddSingleton<TimeProvider>(_clock));

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Editors_and_administrators_without_a_second_factor_reach_only_its_set_up_until_they_have_one()
    {
        var admin = BrowserAt(_server, "203.0.113.10");
        await SignInAsync(admin, DemoLogins.Administrator);
        var newsroomPages = await EveryNewsroomPageAsync(admin);
        Assert.True(newsroomPages.Count > 20, $"Only {newsroomPages.Count} newsroom pages were found.");

        using (var saved = await admin.SubmitAsync("/newsroom/settings", "form.settings", new() { ["Form.RequireSecondFactor"] = "true" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        // The administrator's own session, opened before the rule, is held at the door like everyone's.
        foreach (var path in newsroomPages)
        {
            using var response = await admin.Http.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"GET {path} answered {(int)response.StatusCode}.");
            Assert.Equal(SecurityPath, PathOf(response.Headers.Location!));
        }

        var security = await admin.GetDocumentAsync(SecurityPath);
        Assert.StartsWith("The publication asks Editors and Administrators for a second factor", security.QuerySelector(".required-notice")!.TextContent);
        await admin.GetDocumentAsync(AuthenticatorPath);
        foreach (var (path, fields) in FormPosts)
        {
            using var refused = await admin.PostAsync(path, fields, tokenPage: SecurityPath);
            Assert.True(refused.StatusCode == HttpStatusCode.Forbidden, $"POST {path} answered {(int)refused.StatusCode}.");
        }

        using (var fetched = await FetchAsync(admin, "/newsroom/articles/new?handler=Preview"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, fetched.StatusCode);
        }

        // An editor signing in now is taken to set one up straight after the password; a reporter is not asked.
        var editor = BrowserAt(_server, "203.0.113.11");
        Assert.Equal("/newsroom", await GivePasswordAsync(editor, DemoLogins.Editor));
        using (var dashboard = await editor.Http.GetAsync("/newsroom"))
        {
            Assert.Equal(SecurityPath, PathOf(dashboard.Headers.Location!));
        }

        var reporter = BrowserAt(_server, "203.0.113.12");
        await SignInAsync(reporter, DemoLogins.Reporter);
        Assert.True(await IsSignedInAsync(reporter));
        await reporter.GetDocumentAsync("/newsroom/articles/new");

        // Once the editor has an app, the newsroom opens, and from then on the password alone does not sign her in.
        await SetUpAuthenticatorAsync(editor, DemoLogins.Editor.Password, _clock.GetUtcNow());
        Assert.True(await IsSignedInAsync(editor));
        await editor.GetDocumentAsync("/newsroom/articles/new");
        Assert.Equal(SecondStepPath, await GivePasswordAsync(BrowserAt(_server, "203.0.113.13"), DemoLogins.Editor));

        // The administrator sets up hers, then removes the editor's for her (a lost phone): the editor is held again.
        await SetUpAuthenticatorAsync(admin, DemoLogins.Administrator.Password, _clock.GetUtcNow());
        await admin.GetDocumentAsync("/newsroom/staff");
        var staffPage = await admin.GetDocumentAsync("/newsroom/staff");
        var editorId = StaffIdOf(staffPage, "Anaya Kessler");
        using (var removed = await admin.PostAsync("/newsroom/staff?handler=RemoveSecondFactors", new() { ["id"] = editorId }, tokenPage: "/newsroom/staff"))
        {
            Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        }

        using (var held = await editor.Http.GetAsync("/newsroom/articles"))
        {
            Assert.Equal(SecurityPath, PathOf(held.Headers.Location!));
        }

        var audit = await AuditAsync(admin, 5);
        Assert.Contains(audit, e => e.Action == "second-factor-removed" && e.Details == "Anaya Kessler: every second factor (1) and recovery code removed by Delphine Marrow");
    }

    [Fact]
    public async Task Without_the_requirement_nobody_is_held_and_the_setting_is_off_by_default()
    {
        using var admin = await NewsroomClient.SignInAsync(_server, DemoLogins.Administrator);
        var settings = await admin.GetDocumentAsync("/newsroom/settings");
        Assert.False(((AngleSharp.Html.Dom.IHtmlInputElement)settings.QuerySelector("input[name='Form.RequireSecondFactor'][type=checkbox]")!).IsChecked);
        using var editor = await NewsroomClient.SignInAsync(_server, DemoLogins.Editor);
        await editor.GetDocumentAsync("/newsroom/articles/new");
        var security = await editor.GetDocumentAsync(SecurityPath);
        Assert.Null(security.QuerySelector(".required-notice"));
    }

    /// <summary>Form posts of every kind, with fields enough to do something were they let through.</summary>
    private static readonly (string Path, Dictionary<string, string> Fields)[] FormPosts =
    [
        ("/newsroom/settings", new() { ["Form.Name"] = "Taken over", ["Form.RequireSecondFactor"] = "false" }),
        ("/newsroom/articles/new", new() { ["Form.Headline"] = "Planted story", ["Form.BodyMarkdown"] = "Text." }),
        ("/newsroom/staff?handler=Invite", new() { ["Invite.Name"] = "Mallory", ["Invite.Email"] = "mallory@example.org", ["Invite.Role"] = "Administrator" }),
        ("/newsroom/api-keys?handler=Create", new() { ["Name"] = "exfiltration" }),
        ("/newsroom/account/password", new() { ["Current"] = "x", ["NewPassword"] = "y", ["Confirm"] = "y" }),
    ];

    /// <summary>Every newsroom address linked from the pages an administrator sees, two links deep.</summary>
    private static async Task<List<string>> EveryNewsroomPageAsync(NewsroomClient admin)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal) { "/newsroom" };
        var frontier = new List<string> { "/newsroom", "/newsroom/articles", "/newsroom/staff", "/newsroom/sections", "/newsroom/pages", "/newsroom/inbox" };
        for (var depth = 0; depth < 2; depth++)
        {
            var next = new List<string>();
            foreach (var path in frontier)
            {
                var page = await admin.GetDocumentAsync(path);
                foreach (var href in page.QuerySelectorAll("a[href^='/newsroom']").Select(a => a.GetAttribute("href")!))
                {
                    if (!href.StartsWith("/newsroom/account/security", StringComparison.Ordinal) && found.Add(href))
                    {
                        next.Add(href);
                    }
                }
            }

            frontier = next;
        }

        return [.. found];
    }

    private static string StaffIdOf(IDocument staffPage, string name) =>
        staffPage.QuerySelectorAll("tr").First(row => row.TextContent.Contains(name, StringComparison.Ordinal))
            .QuerySelector("form[action*='handler=RemoveSecondFactors'] input[name=id]")!.GetAttribute("value")!;

    private static async Task<HttpResponseMessage> FetchAsync(NewsroomClient browser, string path)
    {
        var token = (await browser.GetDocumentAsync(SecurityPath)).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Form.BodyMarkdown", "**x**")]),
        };
        request.Headers.Add("Accept", "text/html");
        request.Headers.Add("X-Requested-With", "fetch");
        return await browser.Http.SendAsync(request);
    }
}
