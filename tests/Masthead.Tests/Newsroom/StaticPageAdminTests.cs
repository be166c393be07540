using System.Net;
using System.Text.Json;
using Masthead.Core.Pages;
using Masthead.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Newsroom;

/// <summary>
/// Administrators write and edit standing pages; they go live at once. The tests share one server: each reads only
/// the page it writes or is refused, which no other test touches.
/// </summary>
public sealed class StaticPageAdminTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private MastheadServer Server => site.Server;

    [Fact]
    public async Task A_new_page_appears_at_its_url_in_the_footer_and_with_its_role_in_json_ld()
    {
        await Server.GetDocumentAsync("/"); // now in the output cache
        using var admin = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);

        using var response = await admin.SubmitAsync("/newsroom/pages/new", "form.static-page-editor", new()
        {
            ["Title"] = "How we work",
            ["Slug"] = "",
            ["BodyMarkdown"] = "We **check** every number.\n\n<script>alert(1)</script>",
            ["Role"] = "PublishingPrinciples",
        });
        var page = await Server.GetDocumentAsync("/how-we-work");
        var front = await Server.GetDocumentAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("How we work - The Larkmoor Lantern", page.Title);
        Assert.Equal("check", page.QuerySelector("main .prose strong")!.TextContent);
        Assert.Empty(page.QuerySelectorAll("main script"));
        Assert.Contains(front.QuerySelectorAll("footer a"), a => a.TextContent == "How we work" && a.GetAttribute("href") == "/how-we-work");
        var graph = JsonDocument.Parse(front.QuerySelector("script[type='application/ld+json']")!.TextContent).RootElement.GetProperty("@graph");
        var publisher = graph.EnumerateArray().Single(n => n.GetProperty("@type").GetString() == "Organization");
        Assert.Equal(Server.BaseAddress + "how-we-work", publisher.GetProperty("publishingPrinciples").GetString());
        var list = await admin.GetDocumentAsync("/newsroom/pages");
        Assert.Contains(list.QuerySelectorAll("tr.static-page a"), a => a.TextContent == "How we work");
    }

    [Fact]
    public async Task Editing_a_page_changes_it_for_readers_and_a_taken_or_reserved_slug_is_refused()
    {
        using var admin = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);
        var about = await Server.InScopeAsync(services => services.GetRequiredService<StaticPageService>().GetBySlugAsync("about-us"));
        await Server.GetDocumentAsync("/about-us");

        using var saved = await admin.SubmitAsync($"/newsroom/pages/{about!.Id}", "form.static-page-editor",
            new() { ["Title"] = "About the Lantern", ["BodyMarkdown"] = "Founded in a hurry." });
        var page = await Server.GetDocumentAsync("/about-us");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("About the Lantern", page.QuerySelector("main h1")!.TextContent);
        Assert.Equal("Founded in a hurry.", page.QuerySelector("main .prose")!.TextContent.Trim());

        foreach (var (slug, message) in new[] { ("staff", "cannot be a page address"), ("ethics-policy", "Another page already uses /ethics-policy.") })
        {
            using var refused = await admin.SubmitAsync($"/newsroom/pages/{about.Id}", "form.static-page-editor", new() { ["Slug"] = slug, ["BodyMarkdown"] = "Kept text" });
            var form = await MastheadServer.ParseAsync(await refused.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains(message, form.QuerySelector("[data-valmsg-for=Slug]")!.TextContent);
            Assert.Equal("Kept text", form.QuerySelector("textarea[name=BodyMarkdown]")!.TextContent.Trim());
        }

        Assert.Equal("About the Lantern", (await Server.GetDocumentAsync("/about-us")).QuerySelector("main h1")!.TextContent);
    }

    [Theory]
    [InlineData("editor")]
    [InlineData("reporter")]
    public async Task Only_administrators_edit_pages(string role)
    {
        using var someone = await NewsroomClient.SignInAsync(Server, role == "editor" ? DemoLogins.Editor : DemoLogins.Reporter);

        await someone.GetDocumentAsync("/newsroom/pages", 403);
        await someone.GetDocumentAsync("/newsroom/pages/new", 403);
        using var post = await someone.PostAsync("/newsroom/pages/new", new() { ["Title"] = "Graffiti", ["BodyMarkdown"] = "Was here", ["Role"] = "None" });

        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        await Server.GetDocumentAsync("/graffiti", 404);
    }
}
