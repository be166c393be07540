using Masthead.Core.People;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Masthead.Newsroom.Account;

/// <summary>
/// Where the link sent to a new sign-in address lands. Opening it changes nothing (mail programs and scanners open links
/// on their own); the button does, once.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(NewsroomSetup.SignInLimit)]
public sealed class EmailConfirmPage(SignInEmailService emails) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int Account { get; set; }

    [BindProperty(SupportsGet = true)]
    public string Email { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string Token { get; set; } = "";

    public bool Valid { get; private set; }

    public bool Changed { get; private set; }

    public async Task OnGetAsync()
    {
        Response.Headers.CacheControl = "no-cache, no-store";
        Valid = await emails.IsLinkValidAsync(Account, Email, Token);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-cache, no-store";
        try
        {
            Changed = await emails.ConfirmChangeAsync(Account, Email, Token, cancellationToken);
            Valid = Changed;
        }
        catch (Core.ValidationException problems)
        {
            Valid = true;
            ModelState.AddModelError("", problems.Message);
        }

        return Page();
    }
}
