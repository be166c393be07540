using Masthead.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Masthead.Browser.Tests;

/// <summary>
/// The newsroom pages that the accessibility and HTML checks cover: the editors that shape the site, and the lists
/// that are searched and sorted. Each is checked as an administrator (who may open all of them) sees it.
/// </summary>
public static class NewsroomPages
{
    public static readonly TheoryData<string> Paths =
    [
        "/newsroom/front-page",
        "/newsroom/navigation",
        "/newsroom/sections?ss=articles&tq=a",
        "/newsroom/pages?sort=changed",
    ];

    /// <summary>A browser page signed in to the newsroom.</summary>
    public static async Task<IPage> SignInAsync(BrowserSiteFixture site, (string Email, string Password) login, BrowserNewContextOptions? options = null) =>
        (await SignInWatchedAsync(site, login, options)).Page;

    /// <summary>A browser page signed in to the newsroom, and the Content-Security-Policy violations of every page its context opens.</summary>
    public static async Task<(IPage Page, PolicyViolations Violations)> SignInWatchedAsync(
        BrowserSiteFixture site, (string Email, string Password) login, BrowserNewContextOptions? options = null)
    {
        var (page, violations) = await WatchedPageAsync(site, options);
        await page.GotoAsync("/newsroom/sign-in");
        await page.GetByLabel("Email").FillAsync(login.Email);
        await page.GetByLabel("Password").FillAsync(login.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("nav[aria-label=Newsroom]")).ToBeAttachedAsync(); // behind the Menu button on a phone
        return (page, violations);
    }

    /// <summary>A page in a fresh context whose Content-Security-Policy violations, on any page it opens, are collected.</summary>
    public static async Task<(IPage Page, PolicyViolations Violations)> WatchedPageAsync(BrowserSiteFixture site, BrowserNewContextOptions? options = null)
    {
        options ??= Viewports.Desktop;
        options.BaseURL = site.Server.BaseAddress.ToString();
        var context = await site.Browser.NewContextAsync(options);
        var violations = await PolicyViolations.WatchAsync(context);
        return (await context.NewPageAsync(), violations);
    }
}

/// <summary>The two widths every layout is looked at: a phone and a desktop.</summary>
public static class Viewports
{
    public static BrowserNewContextOptions Phone => new()
    {
        ViewportSize = new() { Width = 390, Height = 844 },
        DeviceScaleFactor = 2,
        IsMobile = true,
        HasTouch = true,
    };

    public static BrowserNewContextOptions Desktop => new() { ViewportSize = new() { Width = 1280, Height = 900 } };
}
