using System.ComponentModel.DataAnnotations;
using Masthead.Core.People;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Masthead.Newsroom.Account;

/// <summary>Where an invitation or a reset link lands: the person chooses a password. Each link works once.</summary>
[AllowAnonymous]
[EnableRateLimiting(NewsroomSetup.SignInLimit)]
public sealed class SetPasswordPage(StaffAccountService staffAccounts, KnownBrowsers browsers) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int Account { get; set; }

    [BindProperty(SupportsGet = true)]
    public string Token { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "Choose a password."),
        StringLength(200, MinimumLength = 10, ErrorMessage = "Use at least 10 characters; a few words make a good password."), DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [BindProperty, Compare(nameof(Password), ErrorMessage = "The two passwords are not the same."), DataType(DataType.Password)]
    public string Confirm { get; set; } = "";

    /// <summary>The account's email, once the link is known to be good; null shows "this link has expired or was used".</summary>
    public string? Email { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        Response.Headers.CacheControl = "no-cache, no-store";
        Email = (await staffAccounts.FindByLinkAsync(Account, Token))?.Email;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Response.Headers.CacheControl = "no-cache, no-store";
        var account = await staffAccounts.FindByLinkAsync(Account, Token);
        if (account is null)
        {
            return Page();
        }

        Email = account.Email;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await staffAccounts.SetPasswordAsync(account, Token, Password, HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError("", error.Code == "InvalidToken"
                    ? "This link has expired or was already used, or a newer one was sent since: ask for a new one."
                    : error.Description);
            }

            return Page();
        }

        browsers.Remember(HttpContext, account.Id); // the link proved who this is: sign-in here is never held up by strangers' guesses
        TempData["SignInMessage"] = "Your password is set. Sign in with it now.";
        return Redirect("/newsroom/sign-in");
    }
}
