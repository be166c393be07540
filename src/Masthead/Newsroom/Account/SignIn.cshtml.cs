using System.ComponentModel.DataAnnotations;
using Masthead.Core.People;
using Masthead.Core.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Newsroom.Account;

[AllowAnonymous]
[EnableRateLimiting(NewsroomSetup.SignInLimit)]
public sealed class SignInPage(SignInManager<StaffAccount> signIn, MastheadDb db, TimeProvider time) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Enter your email address."), EmailAddress(ErrorMessage = "Enter an email address such as name@example.org.")]
    public string Email { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "Enter your password."), DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet() => Response.Headers.CacheControl = "no-cache, no-store";

    public async Task<IActionResult> OnPostAsync()
    {
        Response.Headers.CacheControl = "no-cache, no-store";
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var account = await signIn.UserManager.FindByEmailAsync(Email.Trim());
        var active = account is not null && await db.Staff.AnyAsync(s => s.Id == account.StaffMemberId && s.IsActive);
        if (account is null || !active)
        {
            ModelState.AddModelError("", "That email and password do not match an active staff account.");
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(account, Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) && ReturnUrl.StartsWith("/newsroom", StringComparison.Ordinal) ? ReturnUrl : "/newsroom");
        }

        if (result.IsLockedOut)
        {
            var until = account.LockoutEnd is { } end ? Math.Max(1, (int)Math.Ceiling((end - time.GetUtcNow()).TotalMinutes)) : 15;
            ModelState.AddModelError("", $"Too many failed attempts: this account is locked for {until} more minute(s). Try again later or ask an administrator.");
            return Page();
        }

        ModelState.AddModelError("", "That email and password do not match an active staff account.");
        return Page();
    }
}
