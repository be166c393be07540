using Masthead.Core.SecondFactors;
using Masthead.Core.SignIn;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Newsroom.Account;

/// <summary>
/// Setting up an authenticator app: the key as a QR code (drawn here, no outside service sees it) and in text, then a
/// code from the app and the password to turn it on. The same key is shown until it is confirmed.
/// </summary>
public sealed class AuthenticatorSetupPage(SecondFactorService secondFactors, KnownBrowsers browsers) : NewsroomPage
{
    public const string Path = "/newsroom/account/security/authenticator";

    public AuthenticatorSetup Setup { get; private set; } = null!;

    [BindProperty]
    public string Code { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Setup = await secondFactors.AuthenticatorSetupAsync(Actor, cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        try
        {
            var confirmation = new Confirmation(Password, HttpContext.Connection.RemoteIpAddress, browsers.Read(HttpContext));
            var added = await secondFactors.ConfirmAuthenticatorAsync(Actor, Code, confirmation, StaffSignIn.SessionOf(User), cancellationToken);
            return SecurityPage.AfterAdding(this, "Your authenticator app is set up: when you sign in with your password, type the code it shows.", added);
        }
        catch (Core.ValidationException problems)
        {
            AddProblems(problems);
            Setup = await secondFactors.AuthenticatorSetupAsync(Actor, cancellationToken);
            return Page();
        }
    }
}
