using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Masthead.Browser.Tests;

/// <summary>
/// On a phone the masthead is one line, the name and a Menu button, so the first screen shows news; the search and
/// the menu are behind the button, with or without JavaScript. A desktop shows the masthead as it always did.
/// </summary>
public sealed class PhoneMastheadTests(BrowserSiteFixture site) : IClassFixture<BrowserSiteFixture>
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task On_a_phone_the_lead_story_is_on_the_first_screen_and_the_menu_opens_from_one_button(bool javaScript)
    {
        var options = Viewports.Phone;
        options.JavaScriptEnabled = javaScript;
        var (page, violations) = await NewsroomPages.WatchedPageAsync(site, options);
        await page.GotoAsync("/", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        var name = javaScript ? "" : "-no-js";
        await Screenshots.SaveAsync(page, $"front-phone{name}");

        var masthead = await page.Locator("header.masthead").BoundingBoxAsync() ?? throw new InvalidOperationException("No masthead.");
        Assert.True(masthead.Height <= 70, $"The masthead is {masthead.Height}px tall on a phone; it should be one line.");
        var headline = await page.Locator(".front-lead .story-headline").BoundingBoxAsync() ?? throw new InvalidOperationException("No lead story.");
        Assert.True(headline.Y + headline.Height <= 844, $"The lead headline ends at {headline.Y + headline.Height}px, below the first screen.");
        var button = page.Locator("summary.masthead-menu-button");
        await Expect(button).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Search articles")).Not.ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Politics" })).Not.ToBeVisibleAsync();

        await button.ClickAsync();

        await Expect(page.GetByLabel("Search articles")).ToBeVisibleAsync();
        var politics = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Politics" });
        await Expect(politics).ToBeVisibleAsync();
        Assert.True((await politics.BoundingBoxAsync())!.Height >= 40, "A menu link is too small a target for a finger.");
        await Screenshots.SaveAsync(page, $"front-phone-menu-open{name}");
        if (javaScript)
        {
            await violations.AssertNoneAsync(page, "on the front page with the phone menu open");
        }

        await page.GetByLabel("Search articles").FillAsync("council budget");
        await page.GetByLabel("Search articles").PressAsync("Enter");
        await page.WaitForURLAsync("**/search?q=council+budget", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
    }

    [Fact]
    public async Task On_a_desktop_the_masthead_shows_the_search_and_menu_without_a_button()
    {
        var page = await site.NewPageAsync(Viewports.Desktop);
        await page.GotoAsync("/");

        await Expect(page.Locator("summary.masthead-menu-button")).Not.ToBeVisibleAsync();
        await Expect(page.Locator(".masthead-tagline")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Search articles")).ToBeVisibleAsync();
        var links = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link);
        await Expect(links).ToHaveTextAsync(["Home", "World", "Politics", "Business", "Culture", "Our staff", "Contact"]);
        var tops = new HashSet<double>();
        foreach (var link in await links.AllAsync())
        {
            tops.Add(Math.Round((await link.BoundingBoxAsync())!.Y));
        }

        Assert.Single(tops); // one line across the page, as before
    }
}
