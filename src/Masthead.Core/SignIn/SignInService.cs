using System.Net;
using System.Security.Cryptography;
using Masthead.Core.Audit;
using Masthead.Core.People;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.SignIn;

/// <summary>What a sign-in form posted, and from where.</summary>
public sealed record SignInRequest(string Email, string Password, IPAddress? Address, KnownBrowser? Browser);

/// <summary>A password a signed-in person typed again to confirm a consequential change, and where it came from.</summary>
public sealed record Confirmation(string Password, IPAddress? Address, KnownBrowser? Browser);

/// <summary>A browser's proof, from its own cookie, that it has signed in to these accounts before.</summary>
public sealed record KnownBrowser(string DeviceId, IReadOnlyCollection<int> AccountIds)
{
    /// <summary>The browser's id if it has signed in to <paramref name="accountId"/> before, for the throttle; else null.</summary>
    public static string? DeviceFor(KnownBrowser? browser, int accountId) =>
        browser is not null && browser.AccountIds.Contains(accountId) ? browser.DeviceId : null;
}

/// <summary>The account whose password was right, and who it belongs to.</summary>
public sealed record VerifiedAccount(int AccountId, Actor Actor);

/// <summary>
/// Checks a sign-in's email and password, throttled as <see cref="SignInThrottle"/> says. Whatever is wrong (no such
/// account, a wrong password, a deactivated account, an attempt held back) the caller learns only "no", after the
/// same work: every attempt checks exactly one password hash, the account's or a stand-in's. A second factor, when
/// there is one, is asked for after this check and before a session starts.
/// </summary>
public sealed class SignInService(MastheadDb db, UserManager<StaffAccount> accounts, StandInPasswordHash standIn, ThrottledAttempts attempts, TimeProvider time)
{
    public async Task<VerifiedAccount?> CheckPasswordAsync(SignInRequest request, CancellationToken cancellationToken = default)
    {
        var hasher = accounts.PasswordHasher;
        var standInHash = standIn.Get(hasher);
        var typed = Clip(request.Email.Trim(), 320);
        var email = Clip(accounts.NormalizeEmail(typed), 256);
        var account = await db.Users.Include(a => a.StaffMember).SingleOrDefaultAsync(a => a.NormalizedEmail == email, cancellationToken);
        var address = ClientAddresses.ThrottleKey(request.Address);
        var deviceId = account is null ? null : KnownBrowser.DeviceFor(request.Browser, account.Id);
        var now = time.GetUtcNow().UtcDateTime;
        var attempt = await attempts.StartAsync(SignInStep.Password, address, email, deviceId, cancellationToken);
        var held = attempt.Outcome == SignInOutcome.Held;

        var realHash = !held && account is { PasswordHash: { } hash, StaffMember.IsActive: true } ? hash : null;
        var result = hasher.VerifyHashedPassword(account ?? new StaffAccount(), realHash ?? standInHash, request.Password);
        var verified = realHash is not null && result != PasswordVerificationResult.Failed;
        if (verified && result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            account!.PasswordHash = hasher.HashPassword(account, request.Password);
        }

        ThrottledAttempts.Finish(attempt, verified);
        if (!verified)
        {
            var reason = held ? "held back after repeated failures"
                : account is null ? $"no account has the email {typed}"
                : !account.StaffMember!.IsActive ? "the account is deactivated"
                : account.PasswordHash is null ? "no password chosen yet"
                : "wrong password";
            db.AuditLog.Add(new AuditEntry
            {
                At = now,
                ActorId = account?.StaffMemberId,
                ActorName = account?.StaffMember?.Name ?? "",
                Action = AuditActions.SignInFailed,
                Details = $"{reason}, from {ClientAddresses.Display(request.Address)}",
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        await attempts.ForgetOldAsync(cancellationToken);
        return verified ? new VerifiedAccount(account!.Id, Actor.For(account.StaffMember!)) : null;
    }

    /// <summary>Whether the account may sign in at all (it is active), for a passkey that signs in without a password.</summary>
    public Task<bool> IsActiveAsync(int accountId, CancellationToken cancellationToken = default) =>
        db.Users.AnyAsync(a => a.Id == accountId && a.StaffMember!.IsActive && a.PasswordHash != null, cancellationToken);

    /// <summary>
    /// Checks the password a signed-in person typed again to change something consequential (their password, their
    /// second factors), throttled as sign-in is and counted with it, so that a stolen session cannot be used to guess
    /// it. A failure is audited with <paramref name="purpose"/>, such as "to change the password".
    /// </summary>
    public async Task<bool> ConfirmPasswordAsync(Actor actor, Confirmation confirmation, string purpose, CancellationToken cancellationToken = default)
    {
        var (password, address, browser) = confirmation;
        var account = await db.Users.SingleOrDefaultAsync(a => a.StaffMemberId == actor.StaffId, cancellationToken)
            ?? throw new NotFoundException("You have no staff account.");
        var attempt = await attempts.StartAsync(SignInStep.Password, ClientAddresses.ThrottleKey(address), account.NormalizedEmail ?? "",
            KnownBrowser.DeviceFor(browser, account.Id), cancellationToken);
        var held = attempt.Outcome == SignInOutcome.Held;
        var hasher = accounts.PasswordHasher;
        var result = hasher.VerifyHashedPassword(account, !held && account.PasswordHash is { } hash ? hash : standIn.Get(hasher), password ?? "");
        var confirmed = !held && account.PasswordHash is not null && result != PasswordVerificationResult.Failed;
        ThrottledAttempts.Finish(attempt, confirmed);
        if (!confirmed)
        {
            db.Record(time.GetUtcNow().UtcDateTime, actor, AuditActions.PasswordCheckFailed,
                details: $"{(held ? "held back after repeated failures" : "wrong password")} {purpose}, from {ClientAddresses.Display(address)}");
        }

        await db.SaveChangesAsync(cancellationToken);
        return confirmed;
    }

    private static string Clip(string value, int length) => value.Length <= length ? value : value[..length];
}

/// <summary>
/// The hash of a random password, made by the same hasher as real ones, which an attempt with no real hash to check
/// (no such account, a deactivated one, one held back) checks instead, so that it takes as long as any other.
/// </summary>
public sealed class StandInPasswordHash
{
    private string? _hash;

    public string Get(IPasswordHasher<StaffAccount> hasher) =>
        _hash ??= hasher.HashPassword(new StaffAccount(), Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));
}
