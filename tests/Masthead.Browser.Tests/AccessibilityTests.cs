using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace Masthead.Browser.Tests;

/// <summary>axe-core finds no accessibility violations on any reader page.</summary>
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

    private static string Describe(IEnumerable<AxeResultItem> violations) => string.Join("\n", violations.Select(violation =>
        $"- {violation.Id} ({violation.Impact}): {violation.Help} <{violation.HelpUrl}>\n" +
        string.Join("\n", violation.Nodes.Select(node => $"    {node.Target}: {node.Html}"))));
}
