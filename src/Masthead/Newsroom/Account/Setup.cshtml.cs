using System.ComponentModel.DataAnnotations;
using Masthead.Core.People;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Masthead.Newsroom.Account;

/// <summary>The one-time page that creates the first administrator of a fresh install.</summary>
[AllowAnonymous]
[EnableRateLimiting(NewsroomSetup.SignInLimit)]
public sealed class SetupPage(StaffAccountService staffAccounts, KnownBrowsers browsers) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Token { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "Enter your name."), StringLength(200)]
    public string Name { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "Enter your email address."), EmailAddress(ErrorMessage = "Enter an email address such as name@example.org.")]
    public string Email { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "Choose a password."),
        StringLength(200, MinimumLength = 10, ErrorMessage = "Use at least 10 characters; a few words make a good password."), DataType(DataType.Password)]
    public string Password { get; set; } = "";

    public bool Valid { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-cache, no-store";
        Valid = await staffAccounts.IsSetupTokenValidAsync(Token, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Valid = await staffAccounts.IsSetupTokenValidAsync(Token, cancellationToken);
        if (!Valid || !ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            var accountId = await staffAccounts.CreateFirstAdministratorAsync(Token, Name, Email, Password, cancellationToken);
            browsers.Remember(HttpContext, accountId);
        }
        catch (Core.ValidationException problems)
        {
            foreach (var (field, message) in problems.Problems)
            {
                ModelState.AddModelError(field, message);
            }

            return Page();
        }
        catch (Core.Publishing.ForbiddenException)
        {
            Valid = false; // someone else used the link a moment before
            return Page();
        }

        TempData["SignInMessage"] = "Your administrator account is ready. Sign in with it now.";
        return Redirect("/newsroom/sign-in");
    }
}
