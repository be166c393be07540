using System.Net;
using Masthead.Core.Audit;
using Masthead.Core.Publishing;
using Masthead.Core.SignIn;
using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.SecondFactors;

/// <summary>
/// The second step of signing in, after the password: a code from the person's authenticator app or one of their
/// recovery codes. Codes are throttled as passwords are (their own count, in the same table), an app's code is
/// refused once any code of its 30-second step or a later one has been accepted, so none works twice, and a recovery
/// code is deleted as it is used. Passkeys are checked by Identity's passkey handler; their failures are audited here.
/// </summary>
public sealed class SecondStepService(MastheadDb db, ThrottledAttempts attempts, TimeProvider time)
{
    public const string AuthenticatorApp = "authenticator app";
    public const string RecoveryCode = "recovery code";

    /// <summary>
    /// Checks <paramref name="code"/> for the account whose password was just checked; returns what it was
    /// (<see cref="AuthenticatorApp"/> or <see cref="RecoveryCode"/>), or null when it is refused.
    /// </summary>
    public async Task<string?> CheckCodeAsync(int accountId, string code, IPAddress? address, KnownBrowser? browser, CancellationToken cancellationToken = default)
    {
        var account = await db.Users.Include(a => a.StaffMember).SingleAsync(a => a.Id == accountId, cancellationToken);
        var attempt = await attempts.StartAsync(SignInStep.SecondFactor, ClientAddresses.ThrottleKey(address), account.NormalizedEmail ?? "",
            KnownBrowser.DeviceFor(browser, accountId), cancellationToken);
        var (used, failure) = attempt.Outcome == SignInOutcome.Held ? (null, "held back after repeated failures")
            : !account.StaffMember!.IsActive ? (null, "the account is deactivated")
            : RecoveryCodes.LooksLikeOne(code ?? "") ? await RedeemRecoveryCodeAsync(accountId, code!, cancellationToken)
            : await CheckAppCodeAsync(accountId, SecondFactorService.Digits(code ?? ""), cancellationToken);

        ThrottledAttempts.Finish(attempt, used is not null);
        var now = time.GetUtcNow().UtcDateTime;
        var actor = Actor.For(account.StaffMember!);
        if (used == RecoveryCode)
        {
            var left = await db.StaffRecoveryCodes.CountAsync(c => c.StaffAccountId == accountId, cancellationToken);
            db.Record(now, actor, AuditActions.RecoveryCodeUsed,
                details: $"{actor.Name}: a recovery code was used to sign in from {ClientAddresses.Display(address)}; {left} left");
        }
        else if (used is null)
        {
            db.Record(now, actor, AuditActions.SecondFactorFailed, details: $"{failure}, from {ClientAddresses.Display(address)}");
        }

        await db.SaveChangesAsync(cancellationToken);
        return used;
    }

    /// <summary>Audits a refused passkey: at the second step (<paramref name="accountId"/> known) or signing in with a passkey alone.</summary>
    public async Task RecordPasskeyFailureAsync(int? accountId, string reason, IPAddress? address, CancellationToken cancellationToken = default)
    {
        var member = accountId is null ? null : await db.Users.Where(a => a.Id == accountId).Select(a => a.StaffMember).SingleOrDefaultAsync(cancellationToken);
        db.AuditLog.Add(new AuditEntry
        {
            At = time.GetUtcNow().UtcDateTime,
            ActorId = member?.Id,
            ActorName = member?.Name ?? "",
            Action = AuditActions.SecondFactorFailed,
            Details = $"passkey refused ({reason}), from {ClientAddresses.Display(address)}",
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<(string?, string)> CheckAppCodeAsync(int accountId, string code, CancellationToken cancellationToken)
    {
        var key = await db.StaffAuthenticators.Where(a => a.StaffAccountId == accountId && a.ConfirmedAt != null).Select(a => a.Key).SingleOrDefaultAsync(cancellationToken);
        if (key is null)
        {
            return (null, "a code typed, but no authenticator app is set up");
        }

        if (Totp.MatchingStep(Base32.Decode(key), code, time.GetUtcNow()) is not { } step)
        {
            return (null, "wrong code");
        }

        // One statement, so two requests with the same code cannot both pass.
        var accepted = await db.StaffAuthenticators
            .Where(a => a.StaffAccountId == accountId && a.ConfirmedAt != null && a.LastUsedStep < step)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.LastUsedStep, step), cancellationToken) == 1;
        return accepted ? (AuthenticatorApp, "") : (null, "a code already used");
    }

    private async Task<(string?, string)> RedeemRecoveryCodeAsync(int accountId, string code, CancellationToken cancellationToken)
    {
        var hash = RecoveryCodes.Hash(code);
        var redeemed = await db.StaffRecoveryCodes.Where(c => c.StaffAccountId == accountId && c.CodeHash == hash).ExecuteDeleteAsync(cancellationToken) == 1;
        return redeemed ? (RecoveryCode, "") : (null, "wrong or used recovery code");
    }
}
