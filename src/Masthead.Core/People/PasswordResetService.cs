using System.Net;
using Masthead.Core.Audit;
using Masthead.Core.Mail;
using Masthead.Core.Publishing;
using Masthead.Core.SignIn;
using Masthead.Core.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.People;

/// <summary>
/// "Forgot your password?": emails the account with the address a one-time link to choose a new password, which works
/// for an hour, once, and only until a newer link is issued or the password changes (the link is signed with the
/// account's security stamp, which each of those renews). The one asking learns nothing: whether or not an account has
/// the address, the answer is the same, and the request does the same work up to the moment an email is queued.
/// Requests are counted in the database, so every node holds back alike: at most <see cref="PerAddressPerHour"/> links
/// to one address and <see cref="PerClientPerHour"/> requests from one client in an hour; a request over either
/// count is answered as any other and sends nothing.
/// </summary>
public sealed class PasswordResetService(MastheadDb db, UserManager<StaffAccount> accounts, AccountMail mail, ProtectionKeys keys, TimeProvider time)
{
    /// <summary>The name of the token provider whose links work for an hour (registered with Identity by the newsroom).</summary>
    public const string TokenProvider = "ForgottenPassword";

    public const int PerAddressPerHour = 3;
    public const int PerClientPerHour = 10;

    public static readonly TimeSpan LinkLifetime = TimeSpan.FromHours(1);

    public async Task RequestAsync(string email, IPAddress? client, CancellationToken cancellationToken = default)
    {
        var typed = Clip((email ?? "").Trim(), StaffAccount.MaxEmailLength);
        var normalized = accounts.NormalizeEmail(typed) ?? "";
        var address = ClientAddresses.ThrottleKey(client);
        var now = time.GetUtcNow().UtcDateTime;
        keys.EnsureCurrent(); // the link is sealed inside the transaction
        await db.InTransactionAsync(async () =>
        {
            await db.LockNewsroomAsync(cancellationToken); // requests sent at once are counted one after the other
            var hourAgo = now.AddHours(-1);
            var counted = db.SignInAttempts.Where(a => a.Step == SignInStep.ResetRequest && a.At > hourAgo && a.Outcome == SignInOutcome.Succeeded);
            var held = (await counted.CountAsync(a => a.Email == normalized, cancellationToken) >= PerAddressPerHour)
                | (await counted.CountAsync(a => a.Address == address, cancellationToken) >= PerClientPerHour);
            db.SignInAttempts.Add(new SignInAttempt
            {
                At = now,
                Step = SignInStep.ResetRequest,
                Address = address,
                Email = normalized,
                Outcome = held ? SignInOutcome.Held : SignInOutcome.Succeeded,
            });
            var account = await db.Users.Include(a => a.StaffMember)
                .SingleOrDefaultAsync(a => a.NormalizedEmail == normalized && a.StaffMember!.IsActive, cancellationToken);
            if (!held && account is { Email: { } to })
            {
                // A new stamp first: every earlier link of the account stops working, as only the newest may.
                Check(await accounts.UpdateSecurityStampAsync(account));
                var token = await accounts.GenerateUserTokenAsync(account, TokenProvider, UserManager<StaffAccount>.ResetPasswordTokenPurpose);
                var path = $"/newsroom/set-password?account={account.Id}&token={Uri.EscapeDataString(token)}";
                await mail.PasswordResetAsync(new MailRecipient(to, account.StaffMember!.Name, account.StaffMemberId), path, ClientAddresses.Display(client), cancellationToken);
                db.Record(now, Actor.For(account.StaffMember), AuditActions.PasswordResetRequested,
                    details: $"a link emailed to {to}, asked from {ClientAddresses.Display(client)}");
            }

            await db.SaveChangesAsync(cancellationToken);
        }, cancellationToken);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }

    private static string Clip(string value, int length) => value.Length <= length ? value : value[..length];
}
