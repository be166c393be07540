using System.Globalization;
using Masthead.Core.People;
using Masthead.Core.SecondFactors;
using Masthead.Core.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Masthead.Newsroom.Account;

/// <summary>
/// The second step of signing in, for someone whose password was right and who has a second factor: a passkey, a
/// code from their authenticator app, or a recovery code. Nothing else in the newsroom opens until it is given.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(NewsroomSetup.SignInLimit)]
public sealed class SecondStepPage(
    PendingSignIns pending,
    SecondFactorService secondFactors,
    SecondStepService secondStep,
    StaffSignIn staffSignIn,
    PasskeyCeremonies passkeys,
    UserManager<StaffAccount> accounts,
    KnownBrowsers browsers) : PageModel
{
    public const string Path = "/newsroom/sign-in/second-step";

    public const string CodeRefusal = "That code did not sign you in. Type the code your app shows now, or a recovery code you have not used. "
        + "After several wrong codes, checking slows down: wait a minute before trying again.";

    [BindProperty]
    public string Code { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? Credential { get; set; }

    public SecondFactorsOf Factors { get; private set; } = new(false, false);

    public string? PasskeyError { get; private set; }

    public static string PathFor(string? returnUrl) =>
        StaffSignIn.ReturnPath(returnUrl) is var back && back != "/newsroom" ? $"{Path}?returnUrl={Uri.EscapeDataString(back)}" : Path;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-cache, no-store";
        return await AccountAsync() is { } account ? await ShowAsync(account.Id, cancellationToken) : StartAgain();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-cache, no-store";
        if (await AccountAsync() is not { } account)
        {
            return StartAgain();
        }

        var used = await secondStep.CheckCodeAsync(account.Id, Code, HttpContext.Connection.RemoteIpAddress, browsers.Read(HttpContext), cancellationToken);
        if (used is null)
        {
            ModelState.AddModelError(nameof(Code), CodeRefusal);
            return await ShowAsync(account.Id, cancellationToken);
        }

        await staffSignIn.StartSessionAsync(HttpContext, account.Id, $"password and {used}", cancellationToken);
        if (used == SecondStepService.RecoveryCode)
        {
            TempData["Flash"] = "You signed in with a recovery code, which now no longer works. If you have lost your phone or passkey, set up a new second factor here.";
            return Redirect(SecurityPage.Path);
        }

        return LocalRedirect(StaffSignIn.ReturnPath(ReturnUrl));
    }

    /// <summary>Options for any of this person's passkeys, for <c>navigator.credentials.get()</c>.</summary>
    public async Task<IActionResult> OnPostPasskeyOptionsAsync() =>
        await AccountAsync() is { } account ? Content(await passkeys.RequestOptionsAsync(account), "application/json") : Unauthorized();

    public async Task<IActionResult> OnPostPasskeyAsync(CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-cache, no-store";
        if (await AccountAsync() is not { } account)
        {
            return StartAgain();
        }

        var (signer, failure) = await passkeys.AssertAsync(Credential);
        if (signer is not null && signer.Id != account.Id)
        {
            failure = "it belongs to another account";
        }

        if (failure is not null)
        {
            await secondStep.RecordPasskeyFailureAsync(account.Id, failure, HttpContext.Connection.RemoteIpAddress, cancellationToken);
            PasskeyError = "That passkey did not sign you in. Try again, or type a code below.";
            return await ShowAsync(account.Id, cancellationToken);
        }

        await staffSignIn.StartSessionAsync(HttpContext, account.Id, "password and passkey", cancellationToken);
        return LocalRedirect(StaffSignIn.ReturnPath(ReturnUrl));
    }

    /// <summary>The account waiting for its second factor, unless the wait expired or its password changed since.</summary>
    private async Task<StaffAccount?> AccountAsync()
    {
        if (pending.Read(HttpContext) is not { } waiting)
        {
            return null;
        }

        var account = await accounts.FindByIdAsync(waiting.AccountId.ToString(CultureInfo.InvariantCulture));
        return account is not null && account.SecurityStamp == waiting.SecurityStamp ? account : null;
    }

    private async Task<IActionResult> ShowAsync(int accountId, CancellationToken cancellationToken)
    {
        Factors = await secondFactors.FactorsOfAsync(accountId, cancellationToken);
        return Page();
    }

    private RedirectResult StartAgain()
    {
        PendingSignIns.End(HttpContext);
        TempData["SignInMessage"] = "Sign in again: the second step waits ten minutes at most.";
        return Redirect("/newsroom/sign-in" + (ReturnUrl is null ? "" : $"?returnUrl={Uri.EscapeDataString(ReturnUrl)}"));
    }
}
