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

/// <summary>A browser's proof, from its own cookie, that it has signed in to these accounts before.</summary>
public sealed record KnownBrowser(string DeviceId, IReadOnlyCollection<int> AccountIds);

/// <summary>The account whose password was right, and who it belongs to.</summary>
public sealed record VerifiedAccount(int AccountId, Actor Actor);

/// <summary>
/// Checks a sign-in's email and password, throttled as <see cref="SignInThrottle"/> says. Whatever is wrong (no such
/// account, a wrong password, a deactivated account, an attempt held back) the caller learns only "no", after the
/// same work: every attempt checks exactly one password hash, the account's or a stand-in's. A second factor, when
/// there is one, is asked for after this check and before a session starts.
/// </summary>
public sealed class SignInService(MastheadDb db, UserManager<StaffAccount> accounts, StandInPasswordHash standIn, TimeProvider time)
{
    public async Task<VerifiedAccount?> CheckPasswordAsync(SignInRequest request, CancellationToken cancellationToken = default)
    {
        var hasher = accounts.PasswordHasher;
        var standInHash = standIn.Get(hasher);
        var typed = Clip(request.Email.Trim(), 320);
        var email = Clip(accounts.NormalizeEmail(typed), 256);
        var account = await db.Users.Include(a => a.StaffMember).SingleOrDefaultAsync(a => a.NormalizedEmail == email, cancellationToken);
        var address = ClientAddresses.ThrottleKey(request.Address);
        var deviceId = account is not null && request.Browser is { } browser && browser.AccountIds.Contains(account.Id) ? browser.DeviceId : null;
        var now = time.GetUtcNow().UtcDateTime;
        var held = await IsHeldAsync(address, email, deviceId, now, cancellationToken);

        // Counted before the slow check, so that guesses sent in parallel count one another.
        var attempt = new SignInAttempt { At = now, Address = address, Email = email, DeviceId = deviceId, Outcome = held ? SignInOutcome.Held : SignInOutcome.Pending };
        db.SignInAttempts.Add(attempt);
        await db.SaveChangesAsync(cancellationToken);

        var realHash = !held && account is { PasswordHash: { } hash, StaffMember.IsActive: true } ? hash : null;
        var result = hasher.VerifyHashedPassword(account ?? new StaffAccount(), realHash ?? standInHash, request.Password);
        var verified = realHash is not null && result != PasswordVerificationResult.Failed;
        if (verified && result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            account!.PasswordHash = hasher.HashPassword(account, request.Password);
        }

        attempt.Outcome = held ? SignInOutcome.Held : verified ? SignInOutcome.Succeeded : SignInOutcome.Failed;
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
        var forgotten = now - SignInThrottle.Memory;
        await db.SignInAttempts.Where(a => a.At < forgotten).ExecuteDeleteAsync(cancellationToken);
        return verified ? new VerifiedAccount(account!.Id, Actor.For(account.StaffMember!)) : null;
    }

    private async Task<bool> IsHeldAsync(string address, string email, string? deviceId, DateTime now, CancellationToken cancellationToken)
    {
        var since = now - SignInThrottle.Memory;
        var counted = db.SignInAttempts.Where(a => a.At > since && a.Outcome != SignInOutcome.Held);
        if (deviceId is not null)
        {
            var own = await NewestAsync(counted.Where(a => a.DeviceId == deviceId && a.Email == email), cancellationToken);
            return SignInThrottle.Holds(own, SignInThrottle.FreeFailuresPerKnownBrowser, now, successForgives: true);
        }

        // Both counts are always read, whether or not the email has an account, so neither answer comes sooner.
        var strangers = counted.Where(a => a.DeviceId == null);
        var fromAddress = await NewestAsync(strangers.Where(a => a.Address == address && a.Outcome != SignInOutcome.Succeeded), cancellationToken);
        var onAccount = await NewestAsync(strangers.Where(a => a.Email == email), cancellationToken);
        return SignInThrottle.Holds(fromAddress, SignInThrottle.FreeFailuresPerAddress, now, successForgives: false)
            | SignInThrottle.Holds(onAccount, SignInThrottle.FreeFailuresPerAccount, now, successForgives: true);
    }

    private static async Task<List<(DateTime At, SignInOutcome Outcome)>> NewestAsync(IQueryable<SignInAttempt> attempts, CancellationToken cancellationToken) =>
        (await attempts.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(SignInThrottle.Window)
            .Select(a => new { a.At, a.Outcome }).ToListAsync(cancellationToken))
        .Select(a => (a.At, a.Outcome)).ToList();

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
