using System.Globalization;
using Masthead.Core.Audit;
using Masthead.Core.Mail;
using Masthead.Core.Publishing;
using Masthead.Core.SignIn;
using Masthead.Core.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.People;

/// <summary>
/// A person changes the address they sign in with. The change is asked for with the password, and made only when a
/// link sent to the new address is followed, which proves the address is theirs; then the old address is told, so a
/// change its owner did not make does not go unnoticed. Until then the old address still signs in.
/// </summary>
public sealed class SignInEmailService(MastheadDb db, UserManager<StaffAccount> accounts, SignInService signIns, AccountMail mail, ProtectionKeys keys, TimeProvider time)
{
    /// <summary>Emails a confirmation link to <paramref name="newEmail"/>; nothing changes until it is followed.</summary>
    /// <exception cref="ValidationException">The address is not one, is the current one or another account's, or the password is wrong.</exception>
    public async Task RequestChangeAsync(Actor actor, Confirmation password, string newEmail, CancellationToken cancellationToken = default)
    {
        newEmail = (newEmail ?? "").Trim();
        if (newEmail.Length == 0 || newEmail.Length > StaffAccount.MaxEmailLength
            || !System.Net.Mail.MailAddress.TryCreate(newEmail, out var parsed) || parsed.Address != newEmail)
        {
            throw ValidationException.For("NewEmail", $"Enter the new address, such as name@example.org, in at most {StaffAccount.MaxEmailLength} characters.");
        }

        if (!await signIns.ConfirmPasswordAsync(actor, password, "to change the sign-in email", cancellationToken))
        {
            throw ValidationException.For("Password", "That is not your password. After several failed attempts, checking slows down: wait a minute before trying again.");
        }

        var account = await db.Users.Include(a => a.StaffMember).SingleAsync(a => a.StaffMemberId == actor.StaffId, cancellationToken);
        if (string.Equals(accounts.NormalizeEmail(newEmail), account.NormalizedEmail, StringComparison.Ordinal))
        {
            throw ValidationException.For("NewEmail", "That is the address you sign in with already.");
        }

        if (await accounts.FindByEmailAsync(newEmail) is not null)
        {
            throw ValidationException.For("NewEmail", "Another staff account signs in with that address.");
        }

        keys.EnsureCurrent(); // the link is sealed inside the transaction
        await db.InTransactionAsync(async () =>
        {
            var token = await accounts.GenerateChangeEmailTokenAsync(account, newEmail);
            var path = $"/newsroom/account/email/confirm?account={account.Id}&email={Uri.EscapeDataString(newEmail)}&token={Uri.EscapeDataString(token)}";
            await mail.EmailChangeConfirmationAsync(new MailRecipient(newEmail, account.StaffMember!.Name), account.Email ?? "", path, cancellationToken);
            db.Record(time.GetUtcNow().UtcDateTime, actor, AuditActions.EmailChangeRequested, details: $"{account.Email} → {newEmail}, confirmation link emailed");
            await db.SaveChangesAsync(cancellationToken);
        }, cancellationToken);
    }

    /// <summary>Whether a confirmation link is good: for this account, this address, not used, and not expired.</summary>
    public async Task<bool> IsLinkValidAsync(int accountId, string? newEmail, string? token)
    {
        var account = await accounts.FindByIdAsync(accountId.ToString(CultureInfo.InvariantCulture));
        return account is not null && !string.IsNullOrEmpty(newEmail) && !string.IsNullOrEmpty(token)
            && await accounts.VerifyUserTokenAsync(account, accounts.Options.Tokens.ChangeEmailTokenProvider,
                UserManager<StaffAccount>.GetChangeEmailTokenPurpose(newEmail), token);
    }

    /// <summary>
    /// Makes the change a confirmation link was sent for, spending the link, and tells the old address.
    /// </summary>
    /// <returns>False, changing nothing, when the link is not good (wrong, used, expired, or outdone by a newer one).</returns>
    /// <exception cref="ValidationException">Another account took the address since the link was sent.</exception>
    public async Task<bool> ConfirmChangeAsync(int accountId, string newEmail, string token, CancellationToken cancellationToken = default)
    {
        var changed = false;
        await db.InTransactionAsync(async () =>
        {
            await db.LockNewsroomAsync(cancellationToken); // an address taken at this moment by an invitation waits, then is refused
            var account = await db.Users.Include(a => a.StaffMember).SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken);
            if (account is null)
            {
                return;
            }

            var oldEmail = account.Email;
            var result = await accounts.ChangeEmailAsync(account, newEmail, token);
            if (!result.Succeeded)
            {
                if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.DuplicateEmail)))
                {
                    throw ValidationException.For("Email", "Another staff account has signed in with that address since the link was sent; nothing changed.");
                }

                return;
            }

            Check(await accounts.SetUserNameAsync(account, newEmail));
            var owner = Actor.For(account.StaffMember!);
            db.Record(time.GetUtcNow().UtcDateTime, owner, AuditActions.EmailChanged, details: $"{oldEmail} → {newEmail}");
            if (oldEmail is not null)
            {
                await mail.EmailChangedAsync(new MailRecipient(oldEmail, account.StaffMember!.Name, account.StaffMemberId), newEmail, cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
            changed = true;
        }, cancellationToken);
        return changed;
    }

    public async Task<string?> CurrentAsync(Actor actor, CancellationToken cancellationToken = default) =>
        await db.Users.Where(a => a.StaffMemberId == actor.StaffId).Select(a => a.Email).SingleOrDefaultAsync(cancellationToken);

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
