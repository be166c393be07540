using System.Net;
using AngleSharp.Dom;
using Masthead.Core.Storage;
using Masthead.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Masthead.Tests.Newsroom.SignInSteps;

namespace Masthead.Tests.Newsroom;

/// <summary>Set-password links: nothing shown to a wrong one, only the newest works, and using one signs out the old sessions.</summary>
public sealed class SetPasswordLinkTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private MastheadServer Server => site.Server;

    [Fact]
    public async Task A_link_with_a_wrong_token_shows_nothing_of_any_account_whether_opened_or_posted()
    {
        var accounts = await Server.InScopeAsync(services => services.GetRequiredService<MastheadDb>().Users
            .Select(a => new { a.Id, a.Email, a.StaffMember!.Name }).ToListAsync());
        Assert.Equal(4, accounts.Count);
        var visitor = BrowserAt(Server, "198.51.100.5");

        foreach (var account in accounts)
        {
            var opened = await visitor.GetDocumentAsync($"/newsroom/set-password?account={account.Id}&token=not-the-token");
            using var posted = await visitor.PostAsync("/newsroom/set-password", new()
            {
                ["Account"] = $"{account.Id}",
                ["Token"] = "not-the-token",
                ["Password"] = "a long enough passphrase",
                ["Confirm"] = "a long enough passphrase",
            }, tokenPage: "/newsroom/sign-in");
            using var postedBadly = await visitor.PostAsync("/newsroom/set-password", new() { ["Account"] = $"{account.Id}", ["Token"] = "not-the-token" },
                tokenPage: "/newsroom/sign-in");

            foreach (var page in new[] { opened, await ParseAsync(posted), await ParseAsync(postedBadly) })
            {
                var main = page.QuerySelector("main")!;
                Assert.DoesNotContain(account.Email!, page.DocumentElement.OuterHtml, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(account.Name, main.TextContent);
                Assert.Equal("This link has expired or was already used, or a newer one was sent since. Ask for a new link, or ask an administrator for one.",
                    main.QuerySelector(".errors")!.TextContent.Trim());
                Assert.Null(main.QuerySelector("input[name=Password]"));
            }
        }
    }

    [Fact]
    public async Task Only_the_newest_link_for_an_account_works()
    {
        using var admin = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);
        var first = await NewLinkAsync(admin, "Anaya Kessler");
        var second = await NewLinkAsync(admin, "Anaya Kessler");

        var firstOpened = await new NewsroomClient(Server).GetDocumentAsync(first);
        using var firstUsed = await new NewsroomClient(Server).PostAsync("/newsroom/set-password", LinkForm(first, "the older link's password"), tokenPage: "/newsroom/sign-in");

        Assert.Contains("expired or was already used", firstOpened.QuerySelector("main .errors")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, firstUsed.StatusCode);
        Assert.False(await TrySignInAsync(new NewsroomClient(Server), (DemoLogins.Editor.Email, "the older link's password")));
        Assert.Contains(DemoLogins.Editor.Email, (await new NewsroomClient(Server).GetDocumentAsync(second)).QuerySelector("main")!.TextContent);
        using var secondUsed = await new NewsroomClient(Server)
            .SubmitAsync(second, "main form", new() { ["Password"] = "the newest link's password", ["Confirm"] = "the newest link's password" });
        Assert.Equal("/newsroom/sign-in", secondUsed.Headers.Location!.OriginalString);
        await SignInAsync(new NewsroomClient(Server), (DemoLogins.Editor.Email, "the newest link's password"));
    }

    [Fact]
    public async Task Setting_a_password_from_a_link_signs_out_every_session_and_lets_that_browser_in_despite_guessing()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow); // stands still: the guesses' wait never ends by itself
        await using var server = await MastheadServer.StartAsync(services: services => services.AddSingleton<TimeProvider>(clock));
        var ravi = BrowserAt(server, "203.0.113.40");
        await SignInAsync(ravi, DemoLogins.Contributor);
        for (var n = 1; n <= 20; n++)
        {
            Assert.False(await TrySignInAsync(BrowserAt(server, $"198.51.100.{n}"), (DemoLogins.Contributor.Email, $"guess number {n}")));
        }

        using var admin = await NewsroomClient.SignInAsync(server, DemoLogins.Administrator);
        var link = await NewLinkAsync(admin, "Ravi Holmgren");
        var newPhone = BrowserAt(server, "203.0.113.41");
        using var set = await newPhone.SubmitAsync(link, "main form", new() { ["Password"] = "a brand new passphrase", ["Confirm"] = "a brand new passphrase" });

        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.False(await IsSignedInAsync(ravi));
        await SignInAsync(newPhone, (DemoLogins.Contributor.Email, "a brand new passphrase"));
        Assert.False(await TrySignInAsync(BrowserAt(server, "203.0.113.42"), (DemoLogins.Contributor.Email, "a brand new passphrase")));
    }

    /// <summary>Presses "New set-password link" for <paramref name="name"/> on the staff page; returns the link's path.</summary>
    private static async Task<string> NewLinkAsync(NewsroomClient admin, string name)
    {
        var staff = await admin.GetDocumentAsync("/newsroom/staff");
        var row = staff.QuerySelectorAll("tr.staff-member").Single(r => r.QuerySelector("td a")!.TextContent == name);
        using var issued = await admin.SubmitAsync("/newsroom/staff", $"#{row.Id} form[action*='handler=Link']", []);
        Assert.Equal(HttpStatusCode.Redirect, issued.StatusCode);
        return new Uri((await admin.GetDocumentAsync("/newsroom/staff")).QuerySelector(".set-password-link")!.GetAttribute("value")!).PathAndQuery;
    }

    private static Dictionary<string, string> LinkForm(string link, string password)
    {
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(new Uri("http://masthead.test"), link).Query);
        return new() { ["Account"] = query["account"]!, ["Token"] = query["token"]!, ["Password"] = password, ["Confirm"] = password };
    }

    private static async Task<IDocument> ParseAsync(HttpResponseMessage response) => await MastheadServer.ParseAsync(await response.Content.ReadAsStringAsync());
}
