using System.ComponentModel.DataAnnotations;
using Masthead.Core.People;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Newsroom.Account;

public sealed class PasswordPage(UserManager<StaffAccount> accounts, SignInManager<StaffAccount> signIn) : NewsroomPage
{
    [BindProperty, Required(ErrorMessage = "Enter your current password."), DataType(DataType.Password)]
    public string Current { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "Choose a new password."), StringLength(200, MinimumLength = 10, ErrorMessage = "Use at least 10 characters; a few words make a good password."), DataType(DataType.Password)]
    public string NewPassword { get; set; } = "";

    [BindProperty, Compare(nameof(NewPassword), ErrorMessage = "The two new passwords are not the same."), DataType(DataType.Password)]
    public string Confirm { get; set; } = "";

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var account = await accounts.GetUserAsync(User);
        if (account is null)
        {
            return Redirect("/newsroom/sign-in");
        }

        var result = await accounts.ChangePasswordAsync(account, Current, NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code == "PasswordMismatch" ? nameof(Current) : "", error.Code == "PasswordMismatch" ? "That is not your current password." : error.Description);
            }

            return Page();
        }

        await signIn.RefreshSignInAsync(account);
        Flash = "Your password is changed.";
        return Redirect("/newsroom");
    }
}
