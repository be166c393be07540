using Masthead.Core.SecondFactors;
using Masthead.Core.SignIn;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Newsroom.Account;

/// <summary>
/// How I sign in: my passkeys (add, remove), my authenticator app (set up on its own page, turn off) and my recovery
/// codes (how many are left, make new ones). Each change asks for my password again, through the sign-in throttle,
/// so a stolen session can neither guess it nor give a thief a passkey of their own. New recovery codes are shown
/// once, right after they are made.
/// </summary>
public sealed class SecurityPage(SecondFactorService secondFactors, SignInService signIns, PasskeyCeremonies passkeys,
    UserManager<Core.People.StaffAccount> accounts, KnownBrowsers browsers) : NewsroomPage
{
    public const string Path = "/newsroom/account/security";

    private const string RecoveryCodesKey = "RecoveryCodes";

    public SecondFactorOverview Overview { get; private set; } = null!;

    /// <summary>Recovery codes just made, shown this once.</summary>
    public IReadOnlyList<string> NewRecoveryCodes { get; private set; } = [];

    /// <summary>A problem with one of the forms, by the form's name ("passkey-{id}", "authenticator", "recovery-codes").</summary>
    public Dictionary<string, string> Problems { get; } = [];

    [BindProperty]
    public string Password { get; set; } = "";

    [BindProperty]
    public string Name { get; set; } = "";

    [BindProperty]
    public string? Credential { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (TempData[RecoveryCodesKey] is string codes)
        {
            NewRecoveryCodes = codes.Split('\n');
        }

        Overview = await secondFactors.GetOverviewAsync(Actor, cancellationToken);
    }

    /// <summary>Options for a new passkey, once the password checks out; the browser then makes the passkey.</summary>
    public async Task<IActionResult> OnPostPasskeyOptionsAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Name) || Name.Trim().Length > SecondFactorService.PasskeyNameLength)
        {
            return BadRequest(new { error = $"Name the passkey (at most {SecondFactorService.PasskeyNameLength} characters), such as “Work laptop”." });
        }

        if (!await signIns.ConfirmPasswordAsync(Actor, Confirmation(), "to add a passkey", cancellationToken))
        {
            return BadRequest(new { error = "That is not your password. After several failed attempts, checking slows down: wait a minute before trying again." });
        }

        var account = await accounts.GetUserAsync(User) ?? throw new InvalidOperationException("The signed-in account is gone.");
        return Content(await passkeys.CreationOptionsAsync(account, Actor.Name), "application/json");
    }

    public async Task<IActionResult> OnPostAddPasskeyAsync(CancellationToken cancellationToken)
    {
        var account = await accounts.GetUserAsync(User) ?? throw new InvalidOperationException("The signed-in account is gone.");
        var (passkey, failure) = await passkeys.AttestAsync(Credential, account.Id);
        if (passkey is null)
        {
            Problems["add-passkey"] = $"The passkey was not added: {failure}. Try again.";
            return await PageAsync(cancellationToken);
        }

        try
        {
            var added = await secondFactors.AddPasskeyAsync(Actor, passkey, Name, StaffSignIn.SessionOf(User), cancellationToken);
            return AfterAdding(this, $"The passkey “{Name.Trim()}” is added: you can sign in with it now.", added);
        }
        catch (Core.ValidationException problem)
        {
            Problems["add-passkey"] = string.Join(" ", problem.Problems.Values);
            return await PageAsync(cancellationToken);
        }
    }

    public Task<IActionResult> OnPostRemovePasskeyAsync(string id, CancellationToken cancellationToken) =>
        ChangeAsync($"passkey-{id}", () => secondFactors.RemovePasskeyAsync(Actor, id, Confirmation(), cancellationToken), "The passkey is removed; it no longer signs you in.",
            cancellationToken);

    public Task<IActionResult> OnPostRemoveAuthenticatorAsync(CancellationToken cancellationToken) =>
        ChangeAsync("authenticator", () => secondFactors.RemoveAuthenticatorAsync(Actor, Confirmation(), cancellationToken),
            "Your authenticator app is turned off; its codes no longer work.", cancellationToken);

    public async Task<IActionResult> OnPostRecoveryCodesAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<string> codes = [];
        var result = await ChangeAsync("recovery-codes", async () => codes = await secondFactors.RegenerateRecoveryCodesAsync(Actor, Confirmation(), cancellationToken),
            "Here are your new recovery codes; the old ones no longer work.", cancellationToken);
        if (codes.Count > 0)
        {
            TempData[RecoveryCodesKey] = string.Join('\n', codes);
        }

        return result;
    }

    /// <summary>Where a change that added a second factor ends: a flash, and the recovery codes to show once if any were made.</summary>
    internal static IActionResult AfterAdding(NewsroomPage page, string flash, SecondFactorAdded added)
    {
        page.Flash = added.SessionsEnded > 0 ? $"{flash} Your other sessions, opened with the password alone, are signed out." : flash;
        if (added.RecoveryCodes is { } codes)
        {
            page.TempData[RecoveryCodesKey] = string.Join('\n', codes);
        }

        return new RedirectResult(Path);
    }

    private async Task<IActionResult> ChangeAsync(string form, Func<Task> change, string flash, CancellationToken cancellationToken)
    {
        try
        {
            await change();
        }
        catch (Core.ValidationException problem)
        {
            Problems[form] = string.Join(" ", problem.Problems.Values);
            return await PageAsync(cancellationToken);
        }

        Flash = flash;
        return Redirect(Path);
    }

    private async Task<IActionResult> PageAsync(CancellationToken cancellationToken)
    {
        Overview = await secondFactors.GetOverviewAsync(Actor, cancellationToken);
        return Page();
    }

    private Confirmation Confirmation() => new(Password, HttpContext.Connection.RemoteIpAddress, browsers.Read(HttpContext));
}
