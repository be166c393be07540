using System.Net;
using Masthead.Core.Articles;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Masthead.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Newsroom;

/// <summary>An invitation is not yet a job: readers meet a new colleague once they have chosen their password.</summary>
public sealed class InvitedStaffTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private MastheadServer Server => site.Server;

    [Fact]
    public async Task An_invitee_stays_off_the_public_site_until_they_choose_a_password_but_shows_in_the_newsroom()
    {
        var demoStaff = await StaffNamesAsync();
        using var admin = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);

        var link = await InviteAsync(admin, "Marisol Quade", "marisol@larkmoorlantern.example");

        Assert.Equal(["Delphine Marrow", "Tobias Wren", "Anaya Kessler", "Ravi Holmgren"], demoStaff);
        Assert.Equal(demoStaff, await StaffNamesAsync());
        await Server.GetDocumentAsync("/author/marisol-quade", 404);
        Assert.DoesNotContain("/author/marisol-quade", await Server.Client.GetStringAsync("/sitemaps/authors.xml"));
        Assert.Contains("not on the public site until they choose a password", (await MarisolsRowAsync(admin)).QuerySelector(".invited")!.TextContent);

        using var setPassword = await new NewsroomClient(Server)
            .SubmitAsync(link, "main form", new() { ["Password"] = "river lanterns glow", ["Confirm"] = "river lanterns glow" });

        Assert.Equal(HttpStatusCode.Redirect, setPassword.StatusCode);
        Assert.Equal([.. demoStaff, "Marisol Quade"], await StaffNamesAsync());
        Assert.Equal("Marisol Quade", (await Server.GetDocumentAsync("/author/marisol-quade")).QuerySelector("h1")!.TextContent);
        Assert.Contains("/author/marisol-quade", await Server.Client.GetStringAsync("/sitemaps/authors.xml"));
        Assert.Null((await MarisolsRowAsync(admin)).QuerySelector(".invited"));
    }

    [Fact]
    public async Task An_invitee_already_bylined_on_a_published_article_keeps_the_author_page_the_byline_links_to()
    {
        using var admin = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);
        await InviteAsync(admin, "Pell Orrin", "pell@larkmoorlantern.example");
        var path = await Server.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<MastheadDb>();
            var pell = await db.Staff.Where(s => s.Slug == "pell-orrin").Select(s => s.Id).SingleAsync();
            var id = await services.GetRequiredService<ArticleService>().CreateAsync(Actor.System,
                new ArticleInput { Headline = "Harbour dredging starts in spring", BodyMarkdown = "The work begins in April.", AuthorIds = [pell] });
            await services.GetRequiredService<PublishingService>().PublishAsync(Actor.System, id);
            var article = await db.Articles.AsNoTracking().SingleAsync(a => a.Id == id);
            return ArticleUrls.PathFor(article.UrlDate!.Value, article.Slug);
        });

        var article = await Server.GetDocumentAsync(path);

        Assert.Equal("/author/pell-orrin", article.QuerySelector(".byline-name")!.GetAttribute("href"));
        Assert.Equal("Pell Orrin", (await Server.GetDocumentAsync("/author/pell-orrin")).QuerySelector("h1")!.TextContent);
        Assert.DoesNotContain("Pell Orrin", await StaffNamesAsync());
    }

    /// <summary>Invites a reporter and returns the path of their one-time set-password link.</summary>
    private static async Task<string> InviteAsync(NewsroomClient admin, string name, string email)
    {
        using var invite = await admin.SubmitAsync("/newsroom/staff", "form[action*='handler=Invite']", new()
        {
            ["Invite.Name"] = name,
            ["Invite.Email"] = email,
            ["Invite.Role"] = "Reporter",
        });
        Assert.Equal(HttpStatusCode.Redirect, invite.StatusCode);
        var staff = await admin.GetDocumentAsync("/newsroom/staff");
        return new Uri(staff.QuerySelector(".set-password-link")!.GetAttribute("value")!).PathAndQuery;
    }

    private static async Task<AngleSharp.Dom.IElement> MarisolsRowAsync(NewsroomClient admin) =>
        (await admin.GetDocumentAsync("/newsroom/staff")).QuerySelectorAll("tr.staff-member").Single(r => r.QuerySelector("td a")!.TextContent == "Marisol Quade");

    private async Task<List<string>> StaffNamesAsync() =>
        [.. (await Server.GetDocumentAsync("/staff")).QuerySelectorAll(".staff-name").Select(n => n.TextContent)];
}
