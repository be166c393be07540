using Microsoft.Playwright;

namespace Masthead.Browser.Tests;

/// <summary>A reader searches from the masthead, with JavaScript off, on a desktop and on a phone.</summary>
public sealed class SearchJourneyTests(BrowserSiteFixture site) : IClassFixture<BrowserSiteFixture>
{
    [Fact]
    public async Task A_search_typed_in_the_masthead_lists_highlighted_results_without_JavaScript()
    {
        var page = await site.NewPageAsync(new() { JavaScriptEnabled = false, ViewportSize = new() { Width = 1280, Height = 900 } });
        await page.GotoAsync("/staff");

        var search = page.GetByRole(AriaRole.Search, new() { Name = "Site" });
        await search.GetByLabel("Search articles").FillAsync("council budget");
        await search.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await page.WaitForURLAsync("**/search?q=council+budget");
        await Screenshots.SaveAsync(page, "search-desktop");

        Assert.Equal("council budget", await page.GetByRole(AriaRole.Main).GetByLabel("Search for").InputValueAsync());
        var first = page.Locator(".search-result").First;
        Assert.StartsWith("Council digs into", (await first.GetByRole(AriaRole.Heading, new() { Level = 2 }).InnerTextAsync()).Trim(), StringComparison.Ordinal);
        Assert.True(await first.Locator(".search-snippet mark").First.IsVisibleAsync(), "The first result's highlighted match is not visible.");

        await page.GetByRole(AriaRole.Main).GetByLabel("Sort by").SelectOptionAsync("newest");
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await page.WaitForURLAsync("**/search?q=council+budget&sort=newest");
        Assert.Contains("newest first", await page.Locator(".search-count").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_results_fit_a_390px_phone_without_horizontal_scrolling()
    {
        var page = await site.NewPageAsync(new()
        {
            ViewportSize = new() { Width = 390, Height = 844 },
            DeviceScaleFactor = 2,
            IsMobile = true,
            HasTouch = true,
        });

        await page.GotoAsync("/search?q=council+budget");
        await Screenshots.SaveAsync(page, "search-mobile");

        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        var clientWidth = await page.EvaluateAsync<int>("() => document.documentElement.clientWidth");
        Assert.True(scrollWidth <= clientWidth, $"The search page is {scrollWidth}px wide on a {clientWidth}px screen.");
        // On a phone the masthead's search is behind its menu button.
        await page.Locator("header.masthead summary").ClickAsync();
        Assert.True(await page.Locator("header.masthead").GetByLabel("Search articles").IsVisibleAsync(), "The masthead search box does not open on a phone.");
    }
}
