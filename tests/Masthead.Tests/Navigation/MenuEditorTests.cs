using System.Net;
using AngleSharp.Dom;
using Masthead.Core.Pages;
using Masthead.Core.Publishing;
using Masthead.Core.Sections;
using Masthead.Core.Tags;
using Masthead.Testing;
using Masthead.Tests.ContentApi;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Navigation;

/// <summary>
/// Editors arrange the masthead's menu and the footer's links in the newsroom; every reader page shows them as saved,
/// and so does the Content API's settings. The tests that save nothing share one server; each that saves a menu, which
/// the others read, starts its own.
/// </summary>
public sealed class MenuEditorTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private MastheadServer Server => site.Server;

    private const string Editor = "/newsroom/navigation";

    [Fact]
    public async Task A_saved_menu_shows_on_every_page_in_its_order_with_its_labels()
    {
        await using var server = await MastheadServer.StartAsync();
        await server.GetDocumentAsync("/contact"); // now in the output cache
        using var editor = await NewsroomClient.SignInAsync(server, DemoLogins.Editor);
        var (politics, world, budget, about) = await TargetsAsync(server);

        using var saved = await editor.PostAsync(Editor, new()
        {
            ["Form.Header.Items[0].Target"] = $"section:{politics.Id}",
            ["Form.Header.Items[1].Target"] = $"tag:{budget.Id}",
            ["Form.Header.Items[1].Label"] = "The budget",
            ["Form.Header.Items[2].Target"] = $"section:{world.Id}",
            ["Form.Header.Items[2].Label"] = "Beyond Larkmoor",
            ["Form.Header.Items[3].Target"] = "link",
            ["Form.Header.Items[3].Url"] = "https://archive.example.org/",
            ["Form.Header.Items[3].Label"] = "Archive",
            ["Form.Footer.Items[0].Target"] = "link",
            ["Form.Footer.Items[0].Url"] = "/contact",
            ["Form.Footer.Items[0].Label"] = "Write to us",
            ["Form.Footer.Items[1].Target"] = $"page:{about.Id}",
            ["intent"] = "save",
        }, tokenPage: Editor);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        foreach (var path in (string[])["/contact", "/", "/section/politics", "/staff"])
        {
            var page = await server.GetDocumentAsync(path);
            Assert.Equal([("Politics", "/section/politics"), ("The budget", "/tag/budget"), ("Beyond Larkmoor", "/section/world"), ("Archive", "https://archive.example.org/")],
                Links(page, "nav.site-nav a"));
            Assert.Equal([("Write to us", "/contact"), (about.Title, "/" + about.Slug)], Links(page, ".site-footer nav a"));
        }

        Assert.Equal("page", (await server.GetDocumentAsync("/tag/budget")).QuerySelector("nav.site-nav a[href='/tag/budget']")!.GetAttribute("aria-current"));
        var settings = (await (await ContentApiClient.WithNewKeyAsync(server)).GetAsync("settings/")).GetProperty("settings");
        Assert.Equal(["/section/politics", "/tag/budget", "/section/world", "https://archive.example.org/"],
            settings.GetProperty("navigation").EnumerateArray().Select(n => n.GetProperty("url").GetString()));
        Assert.Equal(["Politics", "World", "Business", "Culture"], // sections follow the menu's order, those not in it after
            (await server.InScopeAsync(s => s.GetRequiredService<SectionService>().ListAsync())).Select(s => s.Name));
    }

    [Fact]
    public async Task Moving_adding_and_removing_show_the_change_unsaved_and_readers_see_nothing_until_Save()
    {
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);
        var (_, _, budget, _) = await TargetsAsync(Server);
        var before = Links(await Server.GetDocumentAsync("/"), "nav.site-nav a");
        Assert.Equal(["Home", "World", "Politics", "Business", "Culture", "Our staff", "Contact"], before.Select(l => l.Label));

        using var moved = await editor.SubmitAsync(Editor, "form.menu-editor", [], "move=header:2:up");
        var movedPage = await MastheadServer.ParseAsync(await moved.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal("link", Targets(movedPage, "header")[0]);
        Assert.Equal("Section “Politics” is now link 2 of 7 in the masthead menu.", movedPage.QuerySelector("#menu-status")!.TextContent.Trim());
        Assert.Equal("header-1-up", movedPage.QuerySelector("[autofocus]")!.Id);

        using var added = await editor.SubmitAsync(Editor, "form.menu-editor", new() { ["Form.Header.NewTarget"] = $"tag:{budget.Id}" }, "add=header");
        var addedPage = await MastheadServer.ParseAsync(await added.Content.ReadAsStringAsync());
        Assert.Equal($"tag:{budget.Id}", Targets(addedPage, "header")[^1]);
        Assert.Equal("header-7-label", addedPage.QuerySelector("[autofocus]")!.Id);

        using var removed = await editor.SubmitAsync(Editor, "form.menu-editor", [], "remove=footer:0");
        Assert.Equal(5, Targets(await MastheadServer.ParseAsync(await removed.Content.ReadAsStringAsync()), "footer").Count);

        Assert.Equal(before, Links(await Server.GetDocumentAsync("/"), "nav.site-nav a"));
    }

    [Fact]
    public async Task A_link_without_a_usable_address_is_refused_beside_it_with_what_was_typed_kept()
    {
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);

        using var added = await editor.SubmitAsync(Editor, "form.menu-editor",
            new() { ["Form.Footer.NewLabel"] = "Our podcast", ["Form.Footer.NewUrl"] = "javascript:alert(1)" }, "add=footer:link");
        var page = await MastheadServer.ParseAsync(await added.Content.ReadAsStringAsync());
        Assert.Contains("needs a label and an address", page.QuerySelector("#footer-add .error")!.TextContent);
        Assert.Equal("javascript:alert(1)", page.QuerySelector("#footer-new-url")!.GetAttribute("value"));

        using var saved = await editor.SubmitAsync(Editor, "form.menu-editor",
            new() { ["Form.Header.Items[0].Url"] = "//elsewhere.example/" }, "intent=save");
        var refused = await MastheadServer.ParseAsync(await saved.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains("A link needs an address on this site", refused.QuerySelector("#header-items li .error")!.TextContent);
        Assert.Equal("//elsewhere.example/", refused.QuerySelector("#header-0-url")!.GetAttribute("value"));
        Assert.Equal("/", (await Server.GetDocumentAsync("/")).QuerySelector("nav.site-nav a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task A_section_or_page_created_after_the_menu_was_saved_joins_it_and_a_deleted_tag_leaves_it()
    {
        await using var server = await MastheadServer.StartAsync();
        using var editor = await NewsroomClient.SignInAsync(server, DemoLogins.Editor);
        var (politics, _, budget, _) = await TargetsAsync(server);
        using var saved = await editor.PostAsync(Editor, new()
        {
            ["Form.Header.Items[0].Target"] = "link",
            ["Form.Header.Items[0].Url"] = "/",
            ["Form.Header.Items[0].Label"] = "Home",
            ["Form.Header.Items[1].Target"] = $"section:{politics.Id}",
            ["Form.Header.Items[2].Target"] = $"tag:{budget.Id}",
            ["Form.Header.Items[3].Target"] = "link",
            ["Form.Header.Items[3].Url"] = "/contact",
            ["Form.Header.Items[3].Label"] = "Contact",
            ["Form.Footer.Items[0].Target"] = "link",
            ["Form.Footer.Items[0].Url"] = "/corrections",
            ["Form.Footer.Items[0].Label"] = "Corrections",
            ["intent"] = "save",
        }, tokenPage: Editor);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        await server.InScopeAsync(async s =>
        {
            await s.GetRequiredService<SectionService>().CreateAsync(Actor.System, "Sports");
            await s.GetRequiredService<StaticPageService>().SaveAsync(Actor.System, null, new StaticPageInput("Jobs", null, "We are hiring.", StaticPageRole.None));
            await s.GetRequiredService<TagService>().DeleteAsync(Actor.System, budget.Id);
        });

        var page = await server.GetDocumentAsync("/");
        Assert.Equal(["Home", "Politics", "Sports", "Contact"], Links(page, "nav.site-nav a").Select(l => l.Label));
        Assert.Equal(["Corrections", "Jobs"], Links(page, ".site-footer nav a").Select(l => l.Label));
    }

    private static List<(string Label, string? Href)> Links(IDocument page, string selector) =>
        [.. page.QuerySelectorAll(selector).Select(a => (a.TextContent.Trim(), a.GetAttribute("href")))];

    private static List<string> Targets(IDocument editorPage, string menu) =>
        [.. editorPage.QuerySelectorAll($"#{menu}-items input[name$='.Target']").Select(i => i.GetAttribute("value") ?? "")];

    private static Task<(SectionView Politics, SectionView World, TagView Budget, StaticPageView About)> TargetsAsync(MastheadServer server) =>
        server.InScopeAsync(async s =>
        {
            var sections = await s.GetRequiredService<SectionService>().ListAsync();
            var budget = await s.GetRequiredService<TagService>().GetBySlugAsync("budget");
            var about = await s.GetRequiredService<StaticPageService>().GetBySlugAsync("about-us");
            return (sections.Single(x => x.Slug == "politics"), sections.Single(x => x.Slug == "world"), budget!, about!);
        });
}
