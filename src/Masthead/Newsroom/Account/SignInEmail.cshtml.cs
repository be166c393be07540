using System.ComponentModel.DataAnnotations;
using Masthead.Core.People;
using Masthead.Core.SignIn;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Newsroom.Account;

/// <summary>
/// A staff member asks to sign in with another address: confirmed with their password, then by following the link
/// emailed to the new address (EmailConfirm.cshtml). The password is checked through the sign-in throttle.
/// </summary>
public sealed class SignInEmailPage(SignInEmailService emails, KnownBrowsers browsers) : NewsroomPage
{
    [BindProperty, Required(ErrorMessage = "Enter the new address.")]
    public string NewEmail { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "Enter your password."), DataType(DataType.Password)]
    public string Password { get; set; } = "";

    public string Current { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Current = await emails.CurrentAsync(Actor, cancellationToken) ?? "";

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Current = await emails.CurrentAsync(Actor, cancellationToken) ?? "";
        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            var password = new Confirmation(Password, HttpContext.Connection.RemoteIpAddress, browsers.Read(HttpContext));
            await emails.RequestChangeAsync(Actor, password, NewEmail, cancellationToken);
        }
        catch (Core.ValidationException problems)
        {
            AddProblems(problems);
            return Page();
        }

        Flash = $"A link to confirm {NewEmail.Trim()} is on its way there. Until you follow it, you sign in with {Current}.";
        return Redirect($"/newsroom/staff/{Actor.StaffId}");
    }
}
