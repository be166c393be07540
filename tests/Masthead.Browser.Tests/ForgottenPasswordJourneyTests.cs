using System.Text.RegularExpressions;
using Masthead.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Masthead.Browser.Tests;

/// <summary>
/// A reporter who forgot her password, in Chromium: from the sign-in page to the email, whose link the test reads from
/// a real SMTP server, to a new password and the dashboard.
/// </summary>
public sealed class ForgottenPasswordJourneyTests : IAsyncLifetime
{
    private TestSmtpServer _smtp = null!;
    private MastheadServer _server = null!;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async ValueTask InitializeAsync()
    {
        _smtp = await TestSmtpServer.StartAsync();
        _server = await MastheadServer.StartAsync(demo: true, extraArgs: _smtp.Arguments());
        if (Chromium.IsInstalled)
        {
            _playwright = await Playwright.CreateAsync();
            _browser = await Chromium.LaunchAsync(_playwright);
        }
    }

    [Fact]
    public async Task A_forgotten_password_is_replaced_through_the_link_in_the_email_and_the_new_one_signs_in()
    {
        Chromium.Require();
        var context = await _browser!.NewContextAsync(new() { BaseURL = _server.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/newsroom/sign-in");
        await page.GetByRole(AriaRole.Link, new() { Name = "Forgot your password?" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Forgot your password?", Level = 1 })).ToBeVisibleAsync();
        await page.GetByLabel("Email").FillAsync(DemoLogins.Contributor.Email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Email me a link" }).ClickAsync();
        await Expect(page.Locator(".reset-sent[role=status]")).ToContainTextAsync($"If {DemoLogins.Contributor.Email} is the address of a staff account");

        var mail = await _smtp.WaitForAsync(DemoLogins.Contributor.Email, "Reset your password");
        await page.GotoAsync(mail.Link("/newsroom/set-password").ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Choose your password", Level = 1 })).ToBeVisibleAsync();
        await page.GetByLabel("New password").FillAsync("a kettle on the stove");
        await page.GetByLabel("The same again").FillAsync("a kettle on the stove");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set password" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/newsroom/sign-in$"));
        await Expect(page.Locator(".flash[role=status]")).ToHaveTextAsync("Your password is set. Sign in with it now.");
        await page.GetByLabel("Email").FillAsync(DemoLogins.Contributor.Email);
        await page.GetByLabel("Password").FillAsync("a kettle on the stove");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Good to see you, Ravi Holmgren", Level = 1 })).ToBeVisibleAsync();
        await context.CloseAsync();
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
