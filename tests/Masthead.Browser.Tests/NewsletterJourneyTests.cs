using Deque.AxeCore.Playwright;
using Masthead.Core.Newsletters;
using Masthead.Core.Publishing;
using Masthead.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Masthead.Browser.Tests;

/// <summary>
/// A reader on a phone signs up for alerts, confirms from the email the test reads from a real SMTP server, and gets
/// the alert an editor sends; the sign-up, preferences and newsroom pages are photographed at phone and desktop widths
/// and checked with axe.
/// </summary>
public sealed class NewsletterJourneyTests : IAsyncLifetime
{
    private TestSmtpServer _smtp = null!;
    private MastheadServer _server = null!;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async ValueTask InitializeAsync()
    {
        _smtp = await TestSmtpServer.StartAsync();
        _server = await MastheadServer.StartAsync(demo: true, extraArgs:
            [.. _smtp.Arguments(), "--Masthead:Newsletters:MinimumFillSeconds=0", "--Masthead:Newsletters:RunSchedules=false"]);
        if (Chromium.IsInstalled)
        {
            _playwright = await Playwright.CreateAsync();
            _browser = await Chromium.LaunchAsync(_playwright);
        }
    }

    [Fact]
    public async Task A_reader_signs_up_on_a_phone_confirms_from_the_email_and_receives_an_alert()
    {
        Chromium.Require();
        var context = await _browser!.NewContextAsync(new() { BaseURL = _server.BaseAddress.ToString(), ViewportSize = new() { Width = 390, Height = 844 } });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/newsletter");
        await Screenshots.SaveAsync(page, "newsletter-signup-390");
        await AssertNoAxeViolationsAsync(page, "/newsletter at 390");
        await page.GetByLabel("Email address").FillAsync("phone.reader@example.org");
        await page.GetByLabel("Name (optional)").FillAsync("Pia");
        await page.GetByRole(AriaRole.Button, new() { Name = "Subscribe" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your inbox" })).ToBeVisibleAsync();

        var mail = await _smtp.WaitForAsync("phone.reader@example.org", "Confirm your subscription to The Larkmoor Lantern");
        await page.GotoAsync(mail.Link("/newsletter/confirm/").ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, subscribe me" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You are subscribed", Level = 1 })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Choose what you get" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your subscription", Level = 1 })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "newsletter-preferences-390");
        await AssertNoAxeViolationsAsync(page, "the preferences page at 390");

        var (storyId, _) = await _server.ArticleAsync("mill-reopening");
        await _server.InScopeAsync(services => services.GetRequiredService<NewsletterSends>()
            .AlertAsync(new Actor(null, Core.People.NewsroomRole.Editor, "Anaya Kessler"), storyId, null, "The mill reopens on Monday"));
        var alert = await _smtp.WaitForAsync("phone.reader@example.org", "The mill reopens on Monday");
        Assert.Contains("Read the story", alert.Text);
        await context.CloseAsync();
    }

    [Fact]
    public async Task The_sign_up_form_and_the_newsroom_newsletter_pages_look_right_at_desktop_and_phone_widths()
    {
        Chromium.Require();
        foreach (var width in new[] { 1280, 390 })
        {
            var context = await _browser!.NewContextAsync(new() { BaseURL = _server.BaseAddress.ToString(), ViewportSize = new() { Width = width, Height = 900 } });
            var page = await context.NewPageAsync();
            await page.GotoAsync("/");
            await page.Locator("footer .newsletter-signup").ScrollIntoViewIfNeededAsync();
            await page.Locator("footer .newsletter-signup").ScreenshotAsync(new() { Path = Path.Combine(TestEnvironment.ArtifactsDirectory, $"newsletter-footer-{width}.png") });
            await page.GotoAsync("/newsletter");
            await Screenshots.SaveAsync(page, $"newsletter-signup-{width}");

            await page.GotoAsync("/newsroom/sign-in");
            await page.GetByLabel("Email").FillAsync(DemoLogins.Administrator.Email);
            await page.GetByLabel("Password").FillAsync(DemoLogins.Administrator.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            foreach (var (path, name) in new[] { ("/newsroom/newsletters", "newsletters"), ("/newsroom/newsletters/1/compose", "compose"),
                ("/newsroom/subscribers", "subscribers"), ($"/newsroom/alerts?article={(await _server.ArticleAsync("mill-reopening")).Id}", "alert") })
            {
                await page.GotoAsync(path);
                await Screenshots.SaveAsync(page, $"newsroom-{name}-{width}");
                await AssertNoAxeViolationsAsync(page, $"{path} at {width}");
            }

            await context.CloseAsync();
        }
    }

    private static async Task AssertNoAxeViolationsAsync(IPage page, string what)
    {
        var results = await page.RunAxe();
        Assert.True(results.Violations.Length == 0,
            $"axe found violations on {what}:\n{string.Join("\n", results.Violations.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Target))})"))}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await _server.DisposeAsync();
        await _smtp.DisposeAsync();
    }
}
