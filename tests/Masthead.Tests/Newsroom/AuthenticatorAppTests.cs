using System.Net;
using Masthead.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Masthead.Tests.Newsroom.SecondFactorSteps;
using static Masthead.Tests.Newsroom.SignInSteps;

namespace Masthead.Tests.Newsroom;

/// <summary>
/// An authenticator app as a second factor, over real HTTP: set up with a code, asked for after the password, each
/// code good once, guessing held back like password guessing, recovery codes single use, every change audited. The
/// test's app computes codes with Otp.NET; the clock stands still unless a test moves it.
/// </summary>
public sealed class AuthenticatorAppTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private MastheadServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await MastheadServer.StartAsync(services: services => services.AddSingleton<TimeProvider>(_clock));

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task An_app_set_up_with_a_code_is_asked_for_after_the_password_and_the_password_alone_opens_nothing()
    {
        var laptop = BrowserAt(_server, "203.0.113.10");
        var phone = BrowserAt(_server, "203.0.113.11");
        await SignInAsync(laptop, DemoLogins.Editor);
        await SignInAsync(phone, DemoLogins.Editor);

        var (app, codes) = await SetUpAuthenticatorAsync(laptop, DemoLogins.Editor.Password, _clock.GetUtcNow());

        Assert.Equal(10, codes.Count);
        Assert.Equal(10, codes.Distinct().Count());
        Assert.All(codes, code => Assert.Matches("^[a-z2-9]{5}-[a-z2-9]{5}$", code));
        Assert.Empty(RecoveryCodesOn(await laptop.GetDocumentAsync(SecurityPath)));
        Assert.True(await IsSignedInAsync(laptop));
        Assert.False(await IsSignedInAsync(phone));

        _clock.Advance(TimeSpan.FromSeconds(30));
        var desk = BrowserAt(_server, "203.0.113.12");
        Assert.Equal(SecondStepPath, await GivePasswordAsync(desk, DemoLogins.Editor));
        foreach (var path in new[] { "/newsroom", "/newsroom/articles", SecurityPath, AuthenticatorPath, "/newsroom/account/password" })
        {
            using var refused = await desk.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.StartsWith("/newsroom/sign-in", PathOf(refused.Headers.Location!), StringComparison.Ordinal);
        }

        var step = await desk.GetDocumentAsync(SecondStepPath);
        Assert.Equal("Code from your authenticator app, or a recovery code", step.QuerySelector("label[for=Code]")!.TextContent);
        Assert.True(await TryCodeAsync(desk, app.CodeAt(_clock.GetUtcNow())));
        Assert.True(await IsSignedInAsync(desk));
    }

    [Fact]
    public async Task A_code_works_once_and_no_earlier_code_works_after_it()
    {
        var reporter = await NewsroomClient.SignInAsync(_server, DemoLogins.Reporter);
        var (app, _) = await SetUpAuthenticatorAsync(reporter, DemoLogins.Reporter.Password, _clock.GetUtcNow());

        // The code that confirmed the app is spent already.
        Assert.False(await TrySignInWithCodeAsync(_server, "203.0.113.20", DemoLogins.Reporter, app.CodeAt(_clock.GetUtcNow())));

        _clock.Advance(TimeSpan.FromSeconds(30));
        var now = _clock.GetUtcNow();
        Assert.True(await TrySignInWithCodeAsync(_server, "203.0.113.21", DemoLogins.Reporter, app.CodeAt(now)));
        Assert.False(await TrySignInWithCodeAsync(_server, "198.51.100.5", DemoLogins.Reporter, app.CodeAt(now)));
        Assert.False(await TrySignInWithCodeAsync(_server, "198.51.100.6", DemoLogins.Reporter, app.CodeAt(now, -1)));

        // A phone's clock a step ahead is accepted, and then the current step's code is older than the last one used.
        Assert.True(await TrySignInWithCodeAsync(_server, "203.0.113.22", DemoLogins.Reporter, app.CodeAt(now, +1)));
        Assert.False(await TrySignInWithCodeAsync(_server, "203.0.113.23", DemoLogins.Reporter, app.CodeAt(now)));

        // Two steps away is too far either way.
        _clock.Advance(TimeSpan.FromSeconds(60));
        Assert.False(await TrySignInWithCodeAsync(_server, "203.0.113.24", DemoLogins.Reporter, app.CodeAt(_clock.GetUtcNow(), +2)));
        Assert.True(await TrySignInWithCodeAsync(_server, "203.0.113.25", DemoLogins.Reporter, app.CodeAt(_clock.GetUtcNow())));
    }

    [Fact]
    public async Task Each_recovery_code_signs_in_once_and_new_ones_replace_the_old()
    {
        var contributor = await NewsroomClient.SignInAsync(_server, DemoLogins.Contributor);
        var (_, codes) = await SetUpAuthenticatorAsync(contributor, DemoLogins.Contributor.Password, _clock.GetUtcNow());

        var away = BrowserAt(_server, "203.0.113.30");
        Assert.Equal(SecondStepPath, await GivePasswordAsync(away, DemoLogins.Contributor));
        using (var used = await away.SubmitAsync(SecondStepPath, "form.code-step", new() { ["Code"] = codes[3].ToUpperInvariant() }))
        {
            Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
            Assert.Equal(SecurityPath, PathOf(used.Headers.Location!));
        }

        var security = await away.GetDocumentAsync(SecurityPath);
        Assert.StartsWith("You signed in with a recovery code", security.QuerySelector(".flash")!.TextContent);
        Assert.Equal("9", security.QuerySelector(".codes-left")!.TextContent);
        Assert.False(await TrySignInWithCodeAsync(_server, "203.0.113.31", DemoLogins.Contributor, codes[3]));
        Assert.True(await TrySignInWithCodeAsync(_server, "203.0.113.32", DemoLogins.Contributor, codes[4].Replace("-", " ", StringComparison.Ordinal)));

        using (var wrong = await contributor.SubmitAsync(SecurityPath, "form[action*='handler=RecoveryCodes']", new() { ["Password"] = "not my password" }))
        {
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        using (var made = await contributor.SubmitAsync(SecurityPath, "form[action*='handler=RecoveryCodes']", new() { ["Password"] = DemoLogins.Contributor.Password }))
        {
            Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        }

        var fresh = RecoveryCodesOn(await contributor.GetDocumentAsync(SecurityPath));
        Assert.Equal(10, fresh.Count);
        Assert.Empty(fresh.Intersect(codes));
        Assert.False(await TrySignInWithCodeAsync(_server, "203.0.113.33", DemoLogins.Contributor, codes[5]));
        Assert.True(await TrySignInWithCodeAsync(_server, "203.0.113.34", DemoLogins.Contributor, fresh[0]));

        using var admin = await NewsroomClient.SignInAsync(_server, DemoLogins.Administrator);
        var audit = (await AuditAsync(admin, 20)).Where(e => e.Actor == "Ravi Holmgren").ToList();
        Assert.Contains(audit, e => e.Action == "second-factor-added" && e.Details == "Ravi Holmgren: an authenticator app, with ten recovery codes");
        Assert.Contains(audit, e => e.Action == "recovery-code-used" && e.Details.EndsWith("from 203.0.113.30; 9 left", StringComparison.Ordinal));
        Assert.Contains(audit, e => e.Action == "second-factor-failed" && e.Details == "wrong or used recovery code, from 203.0.113.31");
        Assert.Contains(audit, e => e.Action == "password-check-failed" && e.Details.StartsWith("wrong password to make new recovery codes", StringComparison.Ordinal));
        Assert.Contains(audit, e => e.Action == "recovery-codes-regenerated");
        Assert.Contains(audit, e => e.Action == "signed-in" && e.Details.EndsWith("with password and recovery code", StringComparison.Ordinal));
        Assert.All(codes.Concat(fresh), code => Assert.DoesNotContain(code, string.Join("\n", audit.Select(e => e.Details)), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Guessing_codes_is_held_back_like_guessing_passwords_and_the_person_still_gets_in()
    {
        var editor = await NewsroomClient.SignInAsync(_server, DemoLogins.Editor);
        var (app, _) = await SetUpAuthenticatorAsync(editor, DemoLogins.Editor.Password, _clock.GetUtcNow());
        _clock.Advance(TimeSpan.FromSeconds(30));

        // Someone who has the password guesses codes at the second step.
        var thief = BrowserAt(_server, "198.51.100.66");
        Assert.Equal(SecondStepPath, await GivePasswordAsync(thief, DemoLogins.Editor));
        for (var guess = 0; guess < 5; guess++)
        {
            Assert.False(await TryCodeAsync(thief, $"00000{guess}"));
        }

        // Now even the right code waits, from there and from any browser new to the account.
        Assert.False(await TryCodeAsync(thief, app.CodeAt(_clock.GetUtcNow())));
        Assert.False(await TrySignInWithCodeAsync(_server, "203.0.113.40", DemoLogins.Editor, app.CodeAt(_clock.GetUtcNow())));

        // Code guesses do not slow the password step, and the wait is short for the right person.
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await TrySignInWithCodeAsync(_server, "203.0.113.41", DemoLogins.Editor, app.CodeAt(_clock.GetUtcNow())));

        using var admin = await NewsroomClient.SignInAsync(_server, DemoLogins.Administrator);
        var failures = (await AuditAsync(admin, 20)).Where(e => e.Action == "second-factor-failed").Select(e => e.Details).ToList();
        Assert.Contains("wrong code, from 198.51.100.66", failures);
        Assert.Contains("held back after repeated failures, from 198.51.100.66", failures);
    }

    [Fact]
    public async Task Turning_the_app_off_asks_for_the_password_and_then_the_password_alone_signs_in()
    {
        var editor = await NewsroomClient.SignInAsync(_server, DemoLogins.Editor);
        await SetUpAuthenticatorAsync(editor, DemoLogins.Editor.Password, _clock.GetUtcNow());

        using (var wrong = await editor.SubmitAsync(SecurityPath, "form[action*='handler=RemoveAuthenticator']", new() { ["Password"] = "lantern-edit0r" }))
        {
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            var page = await MastheadServer.ParseAsync(await wrong.Content.ReadAsStringAsync());
            Assert.StartsWith("That is not your password.", page.QuerySelector(".authenticator .error")!.TextContent);
        }

        Assert.Equal(SecondStepPath, await GivePasswordAsync(BrowserAt(_server, "203.0.113.50"), DemoLogins.Editor));
        using (var off = await editor.SubmitAsync(SecurityPath, "form[action*='handler=RemoveAuthenticator']", new() { ["Password"] = DemoLogins.Editor.Password }))
        {
            Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        }

        var security = await editor.GetDocumentAsync(SecurityPath);
        Assert.Equal("Your authenticator app is turned off; its codes no longer work.", security.QuerySelector(".flash")!.TextContent);
        Assert.Null(security.QuerySelector(".codes-left"));
        Assert.Equal("/newsroom", await GivePasswordAsync(BrowserAt(_server, "203.0.113.51"), DemoLogins.Editor));

        using var admin = await NewsroomClient.SignInAsync(_server, DemoLogins.Administrator);
        var audit = (await AuditAsync(admin, 20)).Where(e => e.Actor == "Anaya Kessler").ToList();
        Assert.Contains(audit, e => e.Action == "second-factor-removed"
            && e.Details == "Anaya Kessler: the authenticator app; no second factor is left, and the recovery codes are deleted");
        Assert.Contains(audit, e => e.Action == "password-check-failed" && e.Details.StartsWith("wrong password to turn off the authenticator app", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_current_password_on_the_change_password_form_is_throttled_like_sign_in()
    {
        var reporter = BrowserAt(_server, "203.0.113.60");
        await SignInAsync(reporter, DemoLogins.Reporter);
        for (var guess = 0; guess < 5; guess++)
        {
            Assert.False(await TryChangePasswordAsync(reporter, $"guess {guess}"));
        }

        // The right current password now waits too, and works once the wait is over.
        Assert.False(await TryChangePasswordAsync(reporter, DemoLogins.Reporter.Password));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await TryChangePasswordAsync(reporter, DemoLogins.Reporter.Password));

        using var admin = await NewsroomClient.SignInAsync(_server, DemoLogins.Administrator);
        var failures = (await AuditAsync(admin, 20)).Where(e => e.Action == "password-check-failed").Select(e => e.Details).ToList();
        Assert.Contains("wrong password to change the password, from 203.0.113.60", failures);
        Assert.Contains("held back after repeated failures to change the password, from 203.0.113.60", failures);
    }

    private static async Task<bool> TryChangePasswordAsync(NewsroomClient browser, string current)
    {
        using var response = await browser.SubmitAsync("/newsroom/account/password", "main form", new()
        {
            ["Current"] = current,
            ["NewPassword"] = "a lighthouse keeper's log",
            ["Confirm"] = "a lighthouse keeper's log",
        });
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            return true;
        }

        var page = await MastheadServer.ParseAsync(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("That is not your current password.", page.QuerySelector("[data-valmsg-for=Current]")?.TextContent.Trim());
        return false;
    }
}
