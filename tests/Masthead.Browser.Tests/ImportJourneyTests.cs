using Deque.AxeCore.Playwright;
using Masthead.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Masthead.Browser.Tests;

/// <summary>
/// An administrator imports WordPress's own block test file from the Import page, at phone and desktop widths: the
/// page before, while it works and with its report is photographed and checked with axe, and nothing is wider than
/// the screen. Anyone else is refused the page.
/// </summary>
public sealed class ImportJourneyTests(BrowserSiteFixture site) : IClassFixture<BrowserSiteFixture>
{
    private static string BlockTestData => Path.Combine(TestEnvironment.RepositoryRoot, "tests", "Masthead.Tests", "Import", "Fixtures", "64-block-test-data.xml");

    [Theory]
    [InlineData(390)]
    [InlineData(1280)]
    public async Task An_administrator_uploads_the_block_test_data_follows_its_progress_and_reads_the_report(int width)
    {
        var page = await NewsroomPages.SignInAsync(site, DemoLogins.Administrator, width == 390 ? Viewports.Phone : Viewports.Desktop);

        await page.GotoAsync("/newsroom/import");
        await Screenshots.SaveAsync(page, $"import-before-{width}");
        await AssertFitsAndHasNoAxeViolationsAsync(page, width, "the Import page");
        await page.GetByLabel("Export file").SetInputFilesAsync(BlockTestData);
        await page.GetByRole(AriaRole.Button, new() { Name = "Import" }).ClickAsync();
        await Expect(page.Locator(".import-progress, .import-report")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, $"import-started-{width}");
        await AssertFitsAndHasNoAxeViolationsAsync(page, width, "the Import page once the import started");

        // The page reloads itself every two seconds while the import runs; the report replaces the progress.
        await Expect(page.Locator(".import-report")).ToBeVisibleAsync(new() { Timeout = 180_000 });
        await Expect(page.Locator(".import-report")).ToContainTextAsync("The import is done.");
        await Expect(page.Locator(".import-report .errors")).ToHaveCountAsync(0);
        await page.GetByText("blocks, each accounted for").ClickAsync();
        await Expect(page.Locator(".import-blocks table")).ToBeVisibleAsync();
        await Expect(page.Locator(".import-blocks tbody tr").Filter(new() { HasText = "core/paragraph" })).ToHaveCountAsync(1);
        await Screenshots.SaveAsync(page, $"import-report-{width}");
        await AssertFitsAndHasNoAxeViolationsAsync(page, width, "the import's report");
    }

    [Fact]
    public async Task An_editor_is_refused_the_Import_page()
    {
        var page = await NewsroomPages.SignInAsync(site, DemoLogins.Editor);

        var response = await page.GotoAsync("/newsroom/import");

        Assert.Equal(403, response?.Status);
        await Expect(page.Locator("form.import-form")).ToHaveCountAsync(0);
    }

    private static async Task AssertFitsAndHasNoAxeViolationsAsync(IPage page, int width, string what)
    {
        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= width, $"{what} is {scrollWidth} pixels wide on a screen of {width}");
        var results = await page.RunAxe();
        var violations = results.Violations.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Target))})");
        Assert.True(results.Violations.Length == 0, $"axe found violations on {what} at {width}:\n{string.Join("\n", violations)}");
    }
}
