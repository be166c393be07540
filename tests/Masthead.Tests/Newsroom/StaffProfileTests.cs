using System.Net;
using AngleSharp.Dom;
using Masthead.Core.Articles;
using Masthead.Core.People;
using Masthead.Core.Storage;
using Masthead.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Newsroom;

/// <summary>Staff profiles: administrators edit anyone's, everyone edits their own, and readers see the change at once.</summary>
public sealed class StaffProfileTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private MastheadServer Server => site.Server;

    [Fact]
    public async Task An_administrators_edit_shows_at_once_in_bylines_the_author_page_and_the_staff_page_at_the_same_address()
    {
        var tobias = await StaffAsync("tobias-wren");
        var articlePath = await ArticleByAsync(tobias.Id);
        // Read first, so each page is in the output cache when the profile changes.
        await Server.GetDocumentAsync(articlePath);
        await Server.GetDocumentAsync("/author/tobias-wren");
        await Server.GetDocumentAsync("/staff");
        using var admin = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);

        var editLink = (await admin.GetDocumentAsync("/newsroom/staff")).QuerySelector($"#staff-{tobias.Id} a.edit-profile")!.GetAttribute("href")!;

        using var save = await admin.SubmitAsync(editLink, "main form", new()
        {
            ["Form.Name"] = "Tobias Wren-Ashby",
            ["Form.JobTitle"] = "Chief Reporter",
            ["Form.Bio"] = "Covers the harbour, the council and the ferry.",
            ["Form.PhotoUrl"] = "https://images.example.org/tobias.jpg",
            ["Form.PublicEmail"] = "tips@larkmoorlantern.example",
        });
        var staffAdmin = await admin.GetDocumentAsync(save.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.Redirect, save.StatusCode);
        Assert.Equal("The profile of Tobias Wren-Ashby is saved; the site shows it now.", staffAdmin.QuerySelector(".flash")!.TextContent);
        var byline = (await Server.GetDocumentAsync(articlePath)).QuerySelectorAll(".byline-author")
            .Single(b => b.QuerySelector(".byline-name")!.GetAttribute("href") == "/author/tobias-wren");
        Assert.Equal(("Tobias Wren-Ashby", "Chief Reporter"), (byline.QuerySelector(".byline-name")!.TextContent, byline.QuerySelector(".byline-title")!.TextContent.Trim()));
        var author = await Server.GetDocumentAsync("/author/tobias-wren");
        Assert.Equal("Tobias Wren-Ashby", author.QuerySelector("h1")!.TextContent);
        Assert.Equal("Covers the harbour, the council and the ferry.", author.QuerySelector(".profile-bio")!.TextContent);
        Assert.Equal("https://images.example.org/tobias.jpg", author.QuerySelector(".profile-photo")!.GetAttribute("src"));
        var card = StaffCard(await Server.GetDocumentAsync("/staff"), "Tobias Wren-Ashby");
        Assert.Equal(("Chief Reporter", "tips@larkmoorlantern.example"), (card.QuerySelector(".staff-title")!.TextContent, card.QuerySelector(".staff-email")!.TextContent));
        Assert.Equal("tobias-wren", (await StaffAsync("tobias-wren")).Slug);
        var entry = (await admin.GetDocumentAsync("/newsroom/audit")).QuerySelector("tr.audit-entry")!;
        Assert.Equal(("profile-changed", "Delphine Marrow", "Tobias Wren: name, job title, bio, photo, public email"),
            (entry.QuerySelector(".audit-action")!.TextContent, entry.QuerySelector(".audit-actor")!.TextContent, entry.QuerySelector(".audit-details")!.TextContent));
    }

    [Fact]
    public async Task Each_person_edits_their_own_profile_from_my_profile_but_not_their_role()
    {
        using var ravi = await NewsroomClient.SignInAsync(Server, DemoLogins.Contributor);
        var dashboard = await ravi.GetDocumentAsync("/newsroom");
        var myProfile = dashboard.QuerySelectorAll(".desk-user a").Single(a => a.TextContent == "My profile").GetAttribute("href")!;
        var form = await ravi.GetDocumentAsync(myProfile);

        using var save = await ravi.SubmitAsync(myProfile, "main form", new() { ["Form.JobTitle"] = "Business & Markets Reporter", ["Form.Role"] = "Administrator" });
        var after = await ravi.GetDocumentAsync(save.Headers.Location!.OriginalString);

        Assert.Equal("My profile", form.QuerySelector("h1")!.TextContent);
        Assert.Null(form.QuerySelector("[name*=Role]"));
        Assert.Equal("Business & Markets Reporter", after.QuerySelector("input[name='Form.JobTitle']")!.GetAttribute("value"));
        Assert.Equal("Your profile is saved; the site shows it now.", after.QuerySelector(".flash")!.TextContent);
        var stored = await StaffAsync("ravi-holmgren");
        Assert.Equal(("Business & Markets Reporter", NewsroomRole.Contributor, "ravi-holmgren"), (stored.JobTitle, stored.Role, stored.Slug));
        Assert.Equal("Business & Markets Reporter", StaffCard(await Server.GetDocumentAsync("/staff"), "Ravi Holmgren").QuerySelector(".staff-title")!.TextContent);
    }

    [Fact]
    public async Task Bad_input_is_refused_beside_each_field_keeping_what_was_typed_and_changing_nothing()
    {
        var anaya = await StaffAsync("anaya-kessler");
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);
        var longBio = new string('b', 2001);

        using var response = await editor.SubmitAsync($"/newsroom/staff/{anaya.Id}", "main form", new()
        {
            ["Form.Name"] = "  ",
            ["Form.JobTitle"] = new string('t', 201),
            ["Form.Bio"] = longBio,
            ["Form.PhotoUrl"] = "javascript:alert(1)",
            ["Form.PublicEmail"] = "Anaya <anaya@larkmoorlantern.example>",
        });
        var page = await MastheadServer.ParseAsync(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Enter the person's name.", Message(page, "Name"));
        Assert.Equal("Keep the job title to 200 characters.", Message(page, "JobTitle"));
        Assert.Equal("Keep the bio to 2000 characters; it has 2001.", Message(page, "Bio"));
        Assert.StartsWith("Give the photo as an http or https address, or a path on this site", Message(page, "PhotoUrl"));
        Assert.Equal("Enter an email address such as name@example.org, or leave it empty.", Message(page, "PublicEmail"));
        Assert.Equal("javascript:alert(1)", page.QuerySelector("input[name='Form.PhotoUrl']")!.GetAttribute("value"));
        Assert.Equal("Anaya <anaya@larkmoorlantern.example>", page.QuerySelector("input[name='Form.PublicEmail']")!.GetAttribute("value"));
        Assert.Equal(longBio, page.QuerySelector("textarea[name='Form.Bio']")!.TextContent.Trim());
        var stored = await StaffAsync("anaya-kessler");
        Assert.Equal((anaya.Name, anaya.JobTitle, anaya.Bio, anaya.PhotoUrl, anaya.PublicEmail), (stored.Name, stored.JobTitle, stored.Bio, stored.PhotoUrl, stored.PublicEmail));
    }

    [Theory]
    [InlineData("/media/anaya.jpg", "")]
    [InlineData("http://images.example.org/anaya.png", "anaya@larkmoorlantern.example")]
    public async Task A_site_path_or_web_address_photo_and_an_optional_public_email_are_accepted(string photo, string email)
    {
        var anaya = await StaffAsync("anaya-kessler");
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);

        using var response = await editor.SubmitAsync($"/newsroom/staff/{anaya.Id}", "main form", new() { ["Form.PhotoUrl"] = photo, ["Form.PublicEmail"] = email });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await StaffAsync("anaya-kessler");
        Assert.Equal((photo, email.Length == 0 ? null : email), (stored.PhotoUrl, stored.PublicEmail));
    }

    [Fact]
    public async Task Someone_who_is_not_an_administrator_cannot_open_or_change_a_colleagues_profile()
    {
        var delphine = await StaffAsync("delphine-marrow");
        using var contributor = await NewsroomClient.SignInAsync(Server, DemoLogins.Contributor);

        await contributor.GetDocumentAsync($"/newsroom/staff/{delphine.Id}", 403);
        using var post = await contributor.PostAsync($"/newsroom/staff/{delphine.Id}", new() { ["Form.Name"] = "Somebody Else", ["Form.JobTitle"] = "Intern" });

        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        var refusal = await MastheadServer.ParseAsync(await post.Content.ReadAsStringAsync());
        Assert.Contains("Your role does not allow you to edit other people's profiles.", refusal.QuerySelector("main")!.TextContent);
        var stored = await StaffAsync("delphine-marrow");
        Assert.Equal((delphine.Name, delphine.JobTitle), (stored.Name, stored.JobTitle));
    }

    private static string Message(IDocument page, string field) => page.QuerySelector($"[data-valmsg-for='Form.{field}']")!.TextContent;

    private static IElement StaffCard(IDocument staff, string name) =>
        staff.QuerySelectorAll(".staff-card").Single(c => c.QuerySelector(".staff-name")!.TextContent == name);

    private Task<StaffMember> StaffAsync(string slug) => Server.InScopeAsync(services =>
        services.GetRequiredService<MastheadDb>().Staff.AsNoTracking().SingleAsync(s => s.Slug == slug));

    /// <summary>The address of a published article bylined to the person.</summary>
    private Task<string> ArticleByAsync(int staffId) => Server.InScopeAsync(async services =>
    {
        var article = await services.GetRequiredService<MastheadDb>().Articles.AsNoTracking().Where(PublishedArticles.IsPublished)
            .Where(a => a.Authors.Any(b => b.StaffMemberId == staffId)).Select(a => new { a.UrlDate, a.Slug }).FirstAsync();
        return ArticleUrls.PathFor(article.UrlDate!.Value, article.Slug);
    });
}
