using Masthead.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Masthead.Browser.Tests;

/// <summary>
/// On a phone the newsroom's header is one line, its name and a Menu button, so each screen starts with its work; the
/// links and the person's own are behind the button, with or without JavaScript. A desktop shows them all at once.
/// </summary>
public sealed class NewsroomPhoneHeaderTests(BrowserSiteFixture site) : IClassFixture<BrowserSiteFixture>
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task On_a_phone_the_newsroom_links_fold_behind_one_button(bool javaScript)
    {
        var options = Viewports.Phone;
        options.JavaScriptEnabled = javaScript;
        var page = await NewsroomPages.SignInAsync(site, DemoLogins.Administrator, options);
        await page.GotoAsync("/newsroom/articles");
        var name = javaScript ? "" : "-no-js";
        await Screenshots.SaveAsync(page, $"newsroom-phone{name}");

        var header = await page.Locator("header.desk-header").BoundingBoxAsync() ?? throw new InvalidOperationException("No header.");
        Assert.True(header.Height <= 64, $"The newsroom header is {header.Height}px tall on a phone; it should be one line.");
        var menu = page.Locator("summary.desk-menu-button");
        var security = page.GetByRole(AriaRole.Navigation, new() { Name = "Newsroom" }).Locator("..").GetByRole(AriaRole.Link, new() { Name = "Security" });
        await Expect(menu).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Audit log" })).Not.ToBeVisibleAsync();

        await menu.ClickAsync();

        var audit = page.GetByRole(AriaRole.Link, new() { Name = "Audit log" });
        await Expect(audit).ToBeVisibleAsync();
        await Expect(security).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, $"newsroom-phone-menu-open{name}");
        await audit.ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/newsroom/audit$"));
    }

    [Fact]
    public async Task On_a_desktop_every_link_shows_without_a_menu_button()
    {
        var page = await NewsroomPages.SignInAsync(site, DemoLogins.Administrator);
        await page.GotoAsync("/newsroom/articles");
        await Screenshots.SaveAsync(page, "newsroom-desktop");

        await Expect(page.Locator("summary.desk-menu-button")).Not.ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Audit log" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Security" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }
}
