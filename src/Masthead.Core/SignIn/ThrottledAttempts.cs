using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.SignIn;

/// <summary>
/// The attempts <see cref="SignInThrottle"/> counts, kept in the SignInAttempts table every node reads: a password at
/// sign-in or on a form that asks for it again, or a second-factor code. Each attempt is written as pending before
/// its secret is checked, so guesses sent in parallel count one another; the caller records how it ended.
/// </summary>
public sealed class ThrottledAttempts(MastheadDb db, TimeProvider time)
{
    /// <summary>
    /// Starts an attempt at <paramref name="step"/> for <paramref name="email"/> (normalized) from <paramref name="address"/>
    /// (a <see cref="ClientAddresses.ThrottleKey"/>), by a browser known to the account (<paramref name="deviceId"/>) or
    /// not. It is saved at once, as <see cref="SignInOutcome.Held"/> when earlier failures ask for a wait (the secret must
    /// then not be checked), or as <see cref="SignInOutcome.Pending"/>.
    /// </summary>
    public async Task<SignInAttempt> StartAsync(SignInStep step, string address, string email, string? deviceId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var held = await IsHeldAsync(step, address, email, deviceId, now, cancellationToken);
        var attempt = new SignInAttempt
        {
            At = now,
            Step = step,
            Address = address,
            Email = email,
            DeviceId = deviceId,
            Outcome = held ? SignInOutcome.Held : SignInOutcome.Pending
        };
        db.SignInAttempts.Add(attempt);
        await db.SaveChangesAsync(cancellationToken);
        return attempt;
    }

    /// <summary>Sets how a started attempt ended (a held one stays held); saved with the caller's next save.</summary>
    public static void Finish(SignInAttempt attempt, bool succeeded)
    {
        if (attempt.Outcome != SignInOutcome.Held)
        {
            attempt.Outcome = succeeded ? SignInOutcome.Succeeded : SignInOutcome.Failed;
        }
    }

    /// <summary>Deletes attempts older than the throttle remembers.</summary>
    public async Task ForgetOldAsync(CancellationToken cancellationToken)
    {
        var forgotten = time.GetUtcNow().UtcDateTime - SignInThrottle.Memory;
        await db.SignInAttempts.Where(a => a.At < forgotten).ExecuteDeleteAsync(cancellationToken);
    }

    private async Task<bool> IsHeldAsync(SignInStep step, string address, string email, string? deviceId, DateTime now, CancellationToken cancellationToken)
    {
        var since = now - SignInThrottle.Memory;
        var counted = db.SignInAttempts.Where(a => a.At > since && a.Step == step && a.Outcome != SignInOutcome.Held);
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
}
