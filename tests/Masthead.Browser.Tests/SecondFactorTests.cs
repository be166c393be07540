using System.Text.RegularExpressions;
using Masthead.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Masthead.Browser.Tests;

/// <summary>
/// Passkeys and the authenticator app as a person uses them in Chromium: passkeys made and used through Chromium's
/// virtual authenticator (the DevTools WebAuthn domain), the app's codes computed by the test from the key the page
/// shows. The pages go through localhost, since WebAuthn takes a host name and not an IP address as the site.
/// Screenshots of the sign-in, second-step and security pages at 390 and 1280 px go to the artifacts.
/// </summary>
public sealed partial class SecondFactorTests(BrowserSiteFixture site) : IClassFixture<BrowserSiteFixture>
{
    private static readonly (int Width, int Height)[] Sizes = [(390, 844), (1280, 900)];

    [Fact]
    public async Task A_reporter_adds_two_named_passkeys_signs_in_with_one_alone_or_after_the_password_and_removes_the_other()
    {
        var page = await NewPageAsync();
        var devtools = await page.Context.NewCDPSessionAsync(page);
        await devtools.SendAsync("WebAuthn.enable");
        var laptop = await AddVirtualAuthenticatorAsync(devtools);
        await SignInWithPasswordAsync(page, DemoLogins.Reporter);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Good to see you, Tobias Wren", Level = 1 })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Security", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign-in security", Level = 1 })).ToBeVisibleAsync();
        await AddPasskeyAsync(page, "Work laptop", DemoLogins.Reporter.Password);
        await Expect(Flash(page)).ToHaveTextAsync("The passkey “Work laptop” is added: you can sign in with it now.");
        await Expect(page.Locator(".new-recovery-codes .recovery-codes code")).ToHaveCountAsync(10);

        // A second passkey, on another device (a second authenticator in place of the first).
        await devtools.SendAsync("WebAuthn.removeVirtualAuthenticator", new Dictionary<string, object> { ["authenticatorId"] = laptop });
        var phone = await AddVirtualAuthenticatorAsync(devtools);
        await AddPasskeyAsync(page, "Phone", DemoLogins.Reporter.Password);
        await Expect(Flash(page)).ToHaveTextAsync("The passkey “Phone” is added: you can sign in with it now.");
        await Expect(page.Locator(".new-recovery-codes")).ToHaveCountAsync(0);
        await Expect(page.Locator(".passkey .passkey-name")).ToHaveTextAsync(["Work laptop", "Phone"]);
        await ScreenshotsAsync(page, "security-passkeys");

        // The phone's passkey alone signs in.
        await SignOutAsync(page);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Use a passkey" })).ToBeVisibleAsync();
        await ScreenshotsAsync(page, "sign-in");
        await page.GetByRole(AriaRole.Button, new() { Name = "Use a passkey" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Good to see you, Tobias Wren", Level = 1 })).ToBeVisibleAsync();

        // After the password, the passkey is the second step.
        await SignOutAsync(page);
        await SignInWithPasswordAsync(page, DemoLogins.Reporter);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Confirm it is you", Level = 1 })).ToBeVisibleAsync();
        await ScreenshotsAsync(page, "second-step-passkey");
        await page.GetByRole(AriaRole.Button, new() { Name = "Use your passkey" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Good to see you, Tobias Wren", Level = 1 })).ToBeVisibleAsync();

        // The laptop's passkey is removed (with the password); only the phone's is left.
        await page.GotoAsync("/newsroom/account/security");
        var workLaptop = page.Locator(".passkey").Filter(new() { HasText = "Work laptop" });
        await workLaptop.Locator("summary").ClickAsync();
        await workLaptop.GetByLabel("Your password").FillAsync(DemoLogins.Reporter.Password);
        await workLaptop.GetByRole(AriaRole.Button, new() { Name = "Remove passkey" }).ClickAsync();
        await Expect(Flash(page)).ToHaveTextAsync("The passkey is removed; it no longer signs you in.");
        await Expect(page.Locator(".passkey .passkey-name")).ToHaveTextAsync(["Phone"]);
        var left = await devtools.SendAsync("WebAuthn.getCredentials", new Dictionary<string, object> { ["authenticatorId"] = phone });
        Assert.Single(left!.Value.GetProperty("credentials").EnumerateArray());
    }

    [Fact]
    public async Task An_editor_sets_up_an_authenticator_app_from_its_qr_code_page_and_signs_in_with_its_code()
    {
        var page = await NewPageAsync();
        await SignInWithPasswordAsync(page, DemoLogins.Editor);
        await page.GetByRole(AriaRole.Link, new() { Name = "Security", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Set up an authenticator app" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Set up an authenticator app", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "QR code for The Larkmoor Lantern" })).ToBeVisibleAsync();
        var qr = await page.Locator(".qr-code svg").BoundingBoxAsync();
        Assert.True(qr is { Width: >= 150 }, "The QR code is too small to scan.");
        await ScreenshotsAsync(page, "authenticator-setup");

        var app = new AuthenticatorApp(await page.Locator(".authenticator-key").InnerTextAsync());
        await page.GetByLabel("The six digits the app shows now").FillAsync(app.CodeAt(DateTimeOffset.UtcNow));
        await page.GetByLabel("Your password").FillAsync(DemoLogins.Editor.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on" }).ClickAsync();
        await Expect(Flash(page)).ToHaveTextAsync("Your authenticator app is set up: when you sign in with your password, type the code it shows.");
        await Expect(page.Locator(".new-recovery-codes .recovery-codes code")).ToHaveCountAsync(10);
        await Expect(page.Locator(".authenticator .factor-state")).ToHaveTextAsync(new Regex("^On:"));
        await ScreenshotsAsync(page, "security-recovery-codes");

        await SignOutAsync(page);
        await SignInWithPasswordAsync(page, DemoLogins.Editor);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Confirm it is you", Level = 1 })).ToBeVisibleAsync();
        await page.GetByLabel("Code from your authenticator app, or a recovery code").FillAsync("123 456");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(page.Locator(".code-step .error")).ToContainTextAsync("That code did not sign you in.");
        await ScreenshotsAsync(page, "second-step-code");

        // The code that turned the app on is spent; the phone's next one (a step ahead is allowed for) signs in.
        await page.GetByLabel("Code from your authenticator app, or a recovery code").FillAsync(app.CodeAt(DateTimeOffset.UtcNow, +1));
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Good to see you, Anaya Kessler", Level = 1 })).ToBeVisibleAsync();
    }

    private async Task<IPage> NewPageAsync()
    {
        var localhost = new UriBuilder(site.Server.BaseAddress) { Host = "localhost" }.Uri;
        var context = await site.Browser.NewContextAsync(new() { BaseURL = localhost.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });
        return await context.NewPageAsync();
    }

    private static async Task SignInWithPasswordAsync(IPage page, (string Email, string Password) login)
    {
        await page.GotoAsync("/newsroom/sign-in");
        await page.GetByLabel("Email").FillAsync(login.Email);
        await page.GetByLabel("Password").FillAsync(login.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
    }

    private static async Task SignOutAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to the newsroom" })).ToBeVisibleAsync();
    }

    private static async Task AddPasskeyAsync(IPage page, string name, string password)
    {
        var form = page.Locator("form.add-passkey");
        await form.GetByLabel("Name").FillAsync(name);
        await form.GetByLabel("Your password").FillAsync(password);
        await form.GetByRole(AriaRole.Button, new() { Name = "Add a passkey" }).ClickAsync();
    }

    /// <summary>A platform authenticator with a resident key and user verification, which says yes at once.</summary>
    private static async Task<string> AddVirtualAuthenticatorAsync(ICDPSession devtools)
    {
        var added = await devtools.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });
        return added!.Value.GetProperty("authenticatorId").GetString()!;
    }

    private static async Task ScreenshotsAsync(IPage page, string name)
    {
        foreach (var (width, height) in Sizes)
        {
            await page.SetViewportSizeAsync(width, height);
            await Screenshots.SaveAsync(page, $"{name}-{width}");
        }
    }

    private static ILocator Flash(IPage page) => page.Locator("main .flash[role=status]");
}
