using System.ComponentModel.DataAnnotations;
using Masthead.Core.People;
using Masthead.Core.SignIn;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Newsroom.Account;

/// <summary>
/// A staff member changes their own password; every other session of theirs ends at once. The current password is
/// checked through the sign-in throttle, so a stolen session cannot be used to guess it.
/// </summary>
public sealed class PasswordPage(StaffAccountService staffAccounts, KnownBrowsers browsers) : NewsroomPage
{
    [BindProperty, Required(ErrorMessage = "Enter your current password."), DataType(DataType.Password)]
    public string Current { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "Choose a new password."),
        StringLength(200, MinimumLength = 10, ErrorMessage = "Use at least 10 characters; a few words make a good password."), DataType(DataType.Password)]
    public string NewPassword { get; set; } = "";

    [BindProperty, Compare(nameof(NewPassword), ErrorMessage = "The two new passwords are not the same."), DataType(DataType.Password)]
    public string Confirm { get; set; } = "";

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var current = new Confirmation(Current, HttpContext.Connection.RemoteIpAddress, browsers.Read(HttpContext));
        var result = await staffAccounts.ChangePasswordAsync(Actor, current, NewPassword, StaffSignIn.SessionOf(User), cancellationToken);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                var mismatch = error.Code == "PasswordMismatch";
                ModelState.AddModelError(mismatch ? nameof(Current) : "", mismatch
                    ? "That is not your current password. After several failed attempts, checking slows down: wait a minute before trying again."
                    : error.Description);
            }

            return Page();
        }

        Flash = "Your password is changed, and every other session of yours is signed out.";
        return Redirect("/newsroom");
    }
}
