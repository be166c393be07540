using System.ComponentModel.DataAnnotations;
using Masthead.Core.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Masthead.Newsroom.Account;

[AllowAnonymous]
[EnableRateLimiting(NewsroomSetup.SignInLimit)]
public sealed class SignInPage(SignInService signIns, StaffSignIn staffSignIn, KnownBrowsers browsers) : PageModel
{
    /// <summary>
    /// The one answer to every refused sign-in, whatever the reason (no such account, a wrong password, a deactivated
    /// account, an attempt held back by the throttle), so that it tells an outsider nothing.
    /// </summary>
    public const string Refusal = "That email and password do not match an active staff account. After several failed attempts, "
        + "sign-in slows down for a while: wait a minute before trying again, or ask an administrator for a set-password link.";

    [BindProperty, Required(ErrorMessage = "Enter your email address."), EmailAddress(ErrorMessage = "Enter an email address such as name@example.org.")]
    public string Email { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "Enter your password."), DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

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

        // A second factor, once there is one, is asked for here: the session starts only when it has been given.
        await staffSignIn.StartSessionAsync(HttpContext, verified.AccountId, cancellationToken);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) && ReturnUrl.StartsWith("/newsroom", StringComparison.Ordinal) ? ReturnUrl : "/newsroom");
    }
}
