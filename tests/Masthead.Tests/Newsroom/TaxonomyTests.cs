using System.Net;
using Masthead.Core.Sections;
using Masthead.Core.Storage;
using Masthead.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Newsroom;

/// <summary>
/// Editors create, rename and delete sections and tags; articles survive every change. The tests that change nothing
/// share one server; each that changes the demo's sections or tags, which the others read, starts its own.
/// </summary>
public sealed class TaxonomyTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private MastheadServer Server => site.Server;

    [Fact]
    public async Task A_section_is_created_renamed_and_deleted_and_its_articles_stay_published()
    {
        await using var server = await MastheadServer.StartAsync();
        using var editor = await NewsroomClient.SignInAsync(server, DemoLogins.Editor);

        using var created = await editor.SubmitAsync("/newsroom/sections", "form[action*='handler=Section']",
            new() { ["NewSection.Name"] = "Sports & Outdoors", ["NewSection.Description"] = "Games and trails." });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Contains(await NavAsync(server), n => n == ("Sports & Outdoors", "/section/sports-outdoors"));

        var culture = await server.InScopeAsync(services => services.GetRequiredService<SectionService>().GetBySlugAsync("culture"));
        using var renamed = await editor.SubmitAsync($"/newsroom/sections/{culture!.Id}", "form[action*='handler=Save']", new() { ["Form.Name"] = "Arts", ["Form.Slug"] = "arts" });
        Assert.Contains(await NavAsync(server), n => n == ("Arts", "/section/arts"));
        var artsPage = await server.GetDocumentAsync("/section/arts");
        var articlePath = artsPage.QuerySelector(".story-headline a")!.GetAttribute("href")!;
        await server.GetDocumentAsync("/section/culture", 404);

        using var unconfirmed = await editor.SubmitAsync($"/newsroom/sections/{culture.Id}", "form[action*='handler=Delete']", []);
        Assert.Contains("Tick the box", (await MastheadServer.ParseAsync(await unconfirmed.Content.ReadAsStringAsync())).QuerySelector(".delete .error")!.TextContent);
        Assert.Contains(await NavAsync(server), n => n.Name == "Arts");

        using var deleted = await editor.SubmitAsync($"/newsroom/sections/{culture.Id}", "form[action*='handler=Delete']", new() { ["confirm"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.DoesNotContain(await NavAsync(server), n => n.Name == "Arts");
        await server.GetDocumentAsync(articlePath);
        Assert.False(await server.InScopeAsync(services => services.GetRequiredService<MastheadDb>().Articles.AnyAsync(a => a.SectionId == culture.Id)));
    }

    [Fact]
    public async Task A_taken_slug_is_refused_beside_the_field_with_what_was_typed_kept()
    {
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);

        using var response = await editor.SubmitAsync("/newsroom/sections", "form[action*='handler=Section']",
            new() { ["NewSection.Name"] = "More politics", ["NewSection.Slug"] = "politics" });
        var page = await MastheadServer.ParseAsync(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("already used by another section", page.QuerySelector("[data-valmsg-for='NewSection.Slug']")!.TextContent);
        Assert.Equal("More politics", page.QuerySelector("input[name='NewSection.Name']")!.GetAttribute("value"));
    }

    [Fact]
    public async Task A_tag_is_created_renamed_and_deleted_which_takes_it_off_its_articles()
    {
        await using var server = await MastheadServer.StartAsync();
        using var editor = await NewsroomClient.SignInAsync(server, DemoLogins.Editor);

        using var created = await editor.SubmitAsync("/newsroom/sections", "form[action*='handler=Tag']", new() { ["NewTag.Name"] = "Heat wave" });
        var list = await editor.GetDocumentAsync("/newsroom/sections");
        Assert.Contains(list.QuerySelectorAll(".tags a"), a => a.TextContent == "Heat wave");

        var budget = list.QuerySelectorAll(".tags a").Single(a => a.TextContent == "Budget").GetAttribute("href")!;
        var tagPage = await server.GetDocumentAsync("/tag/budget");
        var articlePath = tagPage.QuerySelector(".story-headline a")!.GetAttribute("href")!;
        using var renamed = await editor.SubmitAsync(budget, "form[action*='handler=Save']", new() { ["Form.Name"] = "City budget", ["Form.Slug"] = "city-budget" });
        Assert.Contains((await server.GetDocumentAsync(articlePath)).QuerySelectorAll("a"), a => a.GetAttribute("href") == "/tag/city-budget");

        using var deleted = await editor.SubmitAsync(budget, "form[action*='handler=Delete']", new() { ["confirm"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        await server.GetDocumentAsync("/tag/city-budget", 404);
        var article = await server.GetDocumentAsync(articlePath);
        Assert.DoesNotContain(article.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/tag/city-budget");
    }

    [Theory]
    [InlineData("reporter")]
    [InlineData("contributor")]
    public async Task Writers_cannot_manage_sections_or_tags(string role)
    {
        using var writer = await NewsroomClient.SignInAsync(Server, role == "reporter" ? DemoLogins.Reporter : DemoLogins.Contributor);
        var politics = await Server.InScopeAsync(services => services.GetRequiredService<SectionService>().GetBySlugAsync("politics"));

        await writer.GetDocumentAsync("/newsroom/sections", 403);
        await writer.GetDocumentAsync($"/newsroom/sections/{politics!.Id}", 403);
        using var create = await writer.PostAsync("/newsroom/sections?handler=Section", new() { ["NewSection.Name"] = "Rumours" });
        using var rename = await writer.PostAsync($"/newsroom/sections/{politics.Id}?handler=Save", new() { ["Form.Name"] = "Gossip" });
        using var delete = await writer.PostAsync($"/newsroom/sections/{politics.Id}?handler=Delete", new() { ["confirm"] = "true" });

        Assert.All([create, rename, delete], r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        var sections = await Server.InScopeAsync(services => services.GetRequiredService<SectionService>().ListAsync());
        Assert.Equal(["World", "Politics", "Business", "Culture"], sections.Select(s => s.Name));
    }

    private static async Task<List<(string Name, string? Href)>> NavAsync(MastheadServer server) =>
        (await server.GetDocumentAsync("/")).QuerySelectorAll("nav.site-nav a").Select(a => (a.TextContent, a.GetAttribute("href"))).ToList();

    [Fact]
    public async Task A_post_naming_no_action_is_refused_with_400_and_changes_nothing()
    {
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);
        var business = await Server.InScopeAsync(services => services.GetRequiredService<SectionService>().GetBySlugAsync("business"));

        using var response = await editor.PostAsync($"/newsroom/sections/{business!.Id}", new() { ["Form.Name"] = "Money" }, tokenPage: $"/newsroom/sections/{business.Id}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(await NavAsync(Server), n => n.Name == business.Name);
    }
}
