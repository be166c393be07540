using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Masthead.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Masthead.Browser.Tests;

/// <summary>axe-core finds no accessibility violations on any reader page, nor on the newsroom's editors of the site.</summary>
public sealed class AccessibilityTests(BrowserSiteFixture site) : IClassFixture<BrowserSiteFixture>
{
    [Theory]
    [MemberData(nameof(DemoPages.Names), MemberType = typeof(DemoPages))]
    public async Task Reader_page_has_no_axe_violations(string name)
    {
        var demoPage = await site.PageAsync(name);
        var page = await site.NewPageAsync();

        var response = await page.GotoAsync(demoPage.Path);
        Assert.Equal(demoPage.Status, response?.Status);
        var results = await page.RunAxe();

        Assert.True(results.Violations.Length == 0, $"axe found violations on {demoPage}:\n{Describe(results.Violations)}");
    }

    [Theory]
    [MemberData(nameof(NewsroomPages.Paths), MemberType = typeof(NewsroomPages))]
    public async Task Newsroom_page_has_no_axe_violations(string path)
    {
        var page = await NewsroomPages.SignInAsync(site, DemoLogins.Administrator);

        var response = await page.GotoAsync(path);
        Assert.Equal(200, response?.Status);
        await AssertNoViolationsAsync(page, path);
    }

    [Fact]
    public async Task The_front_page_editor_with_chosen_stories_and_its_preview_have_no_axe_violations()
    {
        var page = await NewsroomPages.SignInAsync(site, DemoLogins.Administrator);
        await page.GotoAsync("/newsroom/front-page");
        await page.Locator("#found").GetByRole(AriaRole.Button, new() { Name = "Make lead" }).First.ClickAsync();
        await Expect(page.Locator("#slot-0-keep")).ToBeVisibleAsync();
        await page.GetByLabel("Search published stories").FillAsync("\"city hall");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await Expect(page.Locator("#found .error")).ToBeVisibleAsync();
        await AssertNoViolationsAsync(page, "the front-page editor with a lead chosen and a refused search");

        var preview = await page.Context.RunAndWaitForPageAsync(() =>
            page.GetByRole(AriaRole.Button, new() { Name = "Preview in a new tab" }).ClickAsync());
        await Expect(preview.Locator(".preview-notice")).ToBeVisibleAsync();
        await AssertNoViolationsAsync(preview, "the front page's preview");
    }

    private static async Task AssertNoViolationsAsync(IPage page, string what)
    {
        var results = await page.RunAxe();
        Assert.True(results.Violations.Length == 0, $"axe found violations on {what}:\n{Describe(results.Violations)}");
    }

    private static string Describe(IEnumerable<AxeResultItem> violations) => string.Join("\n", violations.Select(violation =>
        $"- {violation.Id} ({violation.Impact}): {violation.Help} <{violation.HelpUrl}>\n" +
        string.Join("\n", violation.Nodes.Select(node => $"    {node.Target}: {node.Html}"))));
}
