using System.Net;
using AngleSharp.Dom;
using Masthead.Testing;
using static Masthead.Tests.Newsroom.SignInSteps;

namespace Masthead.Tests.Newsroom;

/// <summary>Setting up an authenticator app and giving the second step of sign-in, as a person does in a browser.</summary>
internal static class SecondFactorSteps
{
    public const string SecurityPath = "/newsroom/account/security";
    public const string AuthenticatorPath = "/newsroom/account/security/authenticator";
    public const string SecondStepPath = "/newsroom/sign-in/second-step";

    /// <summary>What a refused code says first.</summary>
    public const string CodeRefusal = "That code did not sign you in.";

    /// <summary>
    /// Sets up an authenticator app for the signed-in <paramref name="browser"/>: reads the key the page shows, confirms
    /// it with the app's code at <paramref name="now"/> and the password; returns the app and the recovery codes shown.
    /// </summary>
    public static async Task<(AuthenticatorApp App, IReadOnlyList<string> RecoveryCodes)> SetUpAuthenticatorAsync(NewsroomClient browser, string password, DateTimeOffset now)
    {
        var setup = await browser.GetDocumentAsync(AuthenticatorPath);
        Assert.NotNull(setup.QuerySelector(".qr-code svg path"));
        var app = new AuthenticatorApp(setup.QuerySelector(".authenticator-key")!.TextContent);
        using var confirmed = await browser.SubmitAsync(AuthenticatorPath, ".authenticator-setup form", new() { ["Code"] = app.CodeAt(now), ["Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(SecurityPath, PathOf(confirmed.Headers.Location!));
        var security = await browser.GetDocumentAsync(SecurityPath);
        return (app, RecoveryCodesOn(security));
    }

    public static IReadOnlyList<string> RecoveryCodesOn(IDocument page) =>
        [.. page.QuerySelectorAll(".new-recovery-codes .recovery-codes code").Select(c => c.TextContent.Trim())];

    /// <summary>Posts email and password; returns where the form sent the browser (the second step, or straight in).</summary>
    public static async Task<string> GivePasswordAsync(NewsroomClient browser, (string Email, string Password) login)
    {
        using var response = await browser.SubmitAsync("/newsroom/sign-in", "form.password-sign-in", new() { ["Email"] = login.Email, ["Password"] = login.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return PathOf(response.Headers.Location!);
    }

    /// <summary>Types <paramref name="code"/> at the second step: true when it signed in, false when the step came back with the refusal.</summary>
    public static async Task<bool> TryCodeAsync(NewsroomClient browser, string code)
    {
        using var response = await browser.SubmitAsync(SecondStepPath, "form.code-step", new() { ["Code"] = code });
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            Assert.DoesNotContain("/newsroom/sign-in", PathOf(response.Headers.Location!), StringComparison.Ordinal);
            return true;
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await MastheadServer.ParseAsync(await response.Content.ReadAsStringAsync());
        Assert.StartsWith(CodeRefusal, page.QuerySelector(".code-step .error")?.TextContent.Trim());
        return false;
    }

    /// <summary>Password and then code, from a new browser at <paramref name="address"/>: true when it signed in.</summary>
    public static async Task<bool> TrySignInWithCodeAsync(MastheadServer server, string address, (string Email, string Password) login, string code)
    {
        var browser = BrowserAt(server, address);
        Assert.Equal(SecondStepPath, await GivePasswordAsync(browser, login));
        return await TryCodeAsync(browser, code);
    }

    /// <summary>The newest audit entries, newest first, as (action, actor, details).</summary>
    public static async Task<List<(string Action, string Actor, string Details)>> AuditAsync(NewsroomClient administrator, int count) =>
        [.. (await administrator.GetDocumentAsync("/newsroom/audit")).QuerySelectorAll("tr.audit-entry").Take(count)
            .Select(e => (e.QuerySelector(".audit-action")!.TextContent.Trim(), e.QuerySelector(".audit-actor")!.TextContent.Trim(),
                e.QuerySelector(".audit-details")!.TextContent.Trim()))];
}
