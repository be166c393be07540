using System.ComponentModel.DataAnnotations;
using Masthead.Core.SecondFactors;
using Masthead.Core.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Masthead.Newsroom.Account;

/// <summary>
/// Sign-in with an email and password, then the second factor when the person has one (SecondStep.cshtml); or with
/// a passkey alone, which proves both something the person has and, through the device's lock, something they know
/// or are, and cannot be phished: it counts as a second factor wherever one is required.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(NewsroomSetup.SignInLimit)]
public sealed class SignInPage(
    SignInService signIns,
    SecondFactorService secondFactors,
    SecondStepService secondStep,
    StaffSignIn staffSignIn,
    PendingSignIns pending,
    PasskeyCeremonies passkeys,
    UserManager<Core.People.StaffAccount> accounts,
    KnownBrowsers browsers) : PageModel
{
    /// <summary>
    /// The one answer to every refused sign-in, whatever the reason (no such account, a wrong password, a deactivated
    /// account, an attempt held back by the throttle), so that it tells an outsider nothing.
    /// </summary>
    public const string Refusal = "That email and password do not match an active staff account. After several failed attempts, "
        + "sign-in slows down for a while: wait a minute before trying again, or use \"Forgot your password?\" below.";

    public const string PasskeyRefusal = "That passkey did not sign you in. Try again, or sign in with your email and password.";

    [BindProperty, Required(ErrorMessage = "Enter your email address."), EmailAddress(ErrorMessage = "Enter an email address such as name@example.org.")]
    public string Email { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "Enter your password."), DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>What the browser's passkey answered, as JSON (filled in by js/passkeys.js).</summary>
    [BindProperty]
    public string? Credential { get; set; }

    public string? PasskeyError { get; private set; }

    public void OnGet() => Response.Headers.CacheControl = "no-cache, no-store";

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-cache, no-store";
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var verified = await signIns.CheckPasswordAsync(
            new SignInRequest(Email, Password, HttpContext.Connection.RemoteIpAddress, browsers.Read(HttpContext)), cancellationToken);
        if (verified is null)
        {
            ModelState.AddModelError("", Refusal);
            return Page();
        }

        // A session starts only once the second factor is given; until then the browser holds only a pending sign-in.
        if ((await secondFactors.FactorsOfAsync(verified.AccountId, cancellationToken)).Any)
        {
            var account = await accounts.FindByIdAsync(verified.AccountId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            pending.Begin(HttpContext, verified.AccountId, account?.SecurityStamp);
            return Redirect(SecondStepPage.PathFor(ReturnUrl));
        }

        // Someone the publication requires a second factor of, with none yet, is taken to set one up (SecondFactorGate).
        await staffSignIn.StartSessionAsync(HttpContext, verified.AccountId, "password", cancellationToken);
        return LocalRedirect(StaffSignIn.ReturnPath(ReturnUrl));
    }

    /// <summary>Options for signing in with any passkey made for this site, for <c>navigator.credentials.get()</c>.</summary>
    public async Task<IActionResult> OnPostPasskeyOptionsAsync() => Content(await passkeys.RequestOptionsAsync(null), "application/json");

    public async Task<IActionResult> OnPostPasskeyAsync(CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-cache, no-store";
        ModelState.Clear();
        var (account, failure) = await passkeys.AssertAsync(Credential);
        if (account is not null && !await signIns.IsActiveAsync(account.Id, cancellationToken))
        {
            failure = "the account is deactivated";
        }

        if (failure is not null)
        {
            await secondStep.RecordPasskeyFailureAsync(account?.Id, failure, HttpContext.Connection.RemoteIpAddress, cancellationToken);
            PasskeyError = PasskeyRefusal;
            return Page();
        }

        await staffSignIn.StartSessionAsync(HttpContext, account!.Id, "passkey", cancellationToken);
        return LocalRedirect(StaffSignIn.ReturnPath(ReturnUrl));
    }
}
