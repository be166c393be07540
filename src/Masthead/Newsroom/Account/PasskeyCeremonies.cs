using System.Globalization;
using Masthead.Core.People;
using Microsoft.AspNetCore.Identity;

namespace Masthead.Newsroom.Account;

/// <summary>
/// The two WebAuthn ceremonies through ASP.NET Core Identity's passkey support: options for the browser, then the
/// browser's answer checked against the challenge Identity keeps in a short-lived cookie (one use, five minutes).
/// Signing in never goes through Identity's own sign-in methods, whose cookies would name no session: the caller
/// opens one (StaffSignIn.StartSessionAsync).
/// </summary>
public sealed class PasskeyCeremonies(SignInManager<StaffAccount> signIn)
{
    /// <summary>Options to create a passkey for <paramref name="account"/>, as JSON for <c>navigator.credentials.create()</c>.</summary>
    public Task<string> CreationOptionsAsync(StaffAccount account, string displayName) => signIn.MakePasskeyCreationOptionsAsync(new PasskeyUserEntity
    {
        Id = account.Id.ToString(CultureInfo.InvariantCulture),
        Name = account.Email ?? displayName,
        DisplayName = displayName,
    });

    /// <summary>The new passkey the browser made for <paramref name="accountId"/>, or why it is refused.</summary>
    public async Task<(UserPasskeyInfo? Passkey, string? Failure)> AttestAsync(string? credentialJson, int accountId)
    {
        if (string.IsNullOrEmpty(credentialJson))
        {
            return (null, "the browser sent no passkey");
        }

        try
        {
            var result = await signIn.PerformPasskeyAttestationAsync(credentialJson);
            if (!result.Succeeded)
            {
                return (null, result.Failure.Message);
            }

            return result.UserEntity.Id == accountId.ToString(CultureInfo.InvariantCulture) ? (result.Passkey, null) : (null, "it was made for another account");
        }
        catch (InvalidOperationException)
        {
            return (null, "the request expired or was already used");
        }
    }

    /// <summary>
    /// Options to sign in with a passkey: any of the person's (<paramref name="account"/> known, at the second step), or
    /// any discoverable one (signing in with a passkey alone), as JSON for <c>navigator.credentials.get()</c>.
    /// </summary>
    public Task<string> RequestOptionsAsync(StaffAccount? account) => signIn.MakePasskeyRequestOptionsAsync(account);

    /// <summary>The account whose passkey signed the challenge, its sign count brought up to date; or why it is refused.</summary>
    public async Task<(StaffAccount? Account, string? Failure)> AssertAsync(string? credentialJson)
    {
        if (string.IsNullOrEmpty(credentialJson))
        {
            return (null, "the browser sent no passkey");
        }

        try
        {
            var result = await signIn.PerformPasskeyAssertionAsync(credentialJson);
            if (!result.Succeeded)
            {
                return (null, result.Failure.Message);
            }

            var updated = await signIn.UserManager.AddOrUpdatePasskeyAsync(result.User, result.Passkey);
            return updated.Succeeded ? (result.User, null) : (null, "its sign count could not be saved");
        }
        catch (InvalidOperationException)
        {
            return (null, "the request expired or was already used");
        }
    }
}
