using System.ComponentModel.DataAnnotations;
using Masthead.Core.People;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Masthead.Newsroom.Account;

/// <summary>
/// "Forgot your password?" from the sign-in page: emails a one-hour link to the account with the address. The page
/// answers every request alike, so it never tells whether an address has an account; the page's own rate limit and
/// the counts in the database (<see cref="PasswordResetService"/>) hold back anyone asking too often.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(NewsroomSetup.SignInLimit)]
public sealed class ForgotPasswordPage(PasswordResetService resets) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Enter the address you sign in with."), EmailAddress(ErrorMessage = "Enter an email address such as name@example.org.")]
    [StringLength(StaffAccount.MaxEmailLength, ErrorMessage = "An address is at most 256 characters long.")]
    public string Email { get; set; } = "";

    /// <summary>The address a link was asked for, shown back in the one answer every request gets.</summary>
    public string? AskedFor { get; private set; }

    public void OnGet() => Response.Headers.CacheControl = "no-cache, no-store";

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-cache, no-store";
        if (!ModelState.IsValid)
        {
            return Page();
        }

        await resets.RequestAsync(Email, HttpContext.Connection.RemoteIpAddress, cancellationToken);
        AskedFor = Email.Trim();
        return Page();
    }
}
