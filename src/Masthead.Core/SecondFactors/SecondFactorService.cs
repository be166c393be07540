using Masthead.Core.Audit;
using Masthead.Core.People;
using Masthead.Core.Publication;
using Masthead.Core.Publishing;
using Masthead.Core.SignIn;
using Masthead.Core.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.SecondFactors;

/// <summary>
/// A person's second factors: an authenticator app, passkeys, and the recovery codes that stand in for either. Every
/// change is the person's own, confirmed with their password (through the sign-in throttle), and audited; an
/// administrator can only remove them all, for someone who lost their phone. Adding the first one ends the person's
/// other sessions, which were opened with the password alone, and makes ten recovery codes; removing the last one
/// deletes the codes. Codes given at sign-in are checked in <see cref="SecondStepService"/>.
/// </summary>
public sealed class SecondFactorService(
    MastheadDb db,
    UserManager<StaffAccount> accounts,
    SignInService signIns,
    StaffSessionService sessions,
    PublicationService publication,
    TimeProvider time)
{
    public const int PasskeyNameLength = 60;

    /// <summary>Whether the publication asks <paramref name="actor"/> for a second factor: Editors and Administrators, when the setting is on.</summary>
    public static bool IsRequiredFor(Actor actor, PublicationInfo publication) =>
        publication.RequireSecondFactor && actor.IsAtLeast(NewsroomRole.Editor);

    public async Task<SecondFactorsOf> FactorsOfAsync(int accountId, CancellationToken cancellationToken = default) => new(
        await db.StaffAuthenticators.AnyAsync(a => a.StaffAccountId == accountId && a.ConfirmedAt != null, cancellationToken),
        await db.UserPasskeys.AnyAsync(p => p.UserId == accountId, cancellationToken));

    public async Task<SecondFactorOverview> GetOverviewAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        var account = await AccountOfAsync(actor, cancellationToken);
        var passkeys = await accounts.GetPasskeysAsync(account);
        return new SecondFactorOverview(
            await db.StaffAuthenticators.AnyAsync(a => a.StaffAccountId == account.Id && a.ConfirmedAt != null, cancellationToken),
            [.. passkeys.OrderBy(p => p.CreatedAt).Select(p => new PasskeyView(Base64UrlId(p.CredentialId), p.Name ?? "Passkey", p.CreatedAt.UtcDateTime))],
            await db.StaffRecoveryCodes.CountAsync(c => c.StaffAccountId == account.Id, cancellationToken),
            IsRequiredFor(actor, await publication.GetAsync(cancellationToken)));
    }

    /// <summary>The key of the app being set up, made now if there is none yet; the same one until it is confirmed.</summary>
    public async Task<AuthenticatorSetup> AuthenticatorSetupAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        var account = await AccountOfAsync(actor, cancellationToken);
        var authenticator = await db.StaffAuthenticators.SingleOrDefaultAsync(a => a.StaffAccountId == account.Id, cancellationToken);
        if (authenticator?.ConfirmedAt is not null)
        {
            throw new WorkflowException("Your authenticator app is already set up; turn it off first to set up another.");
        }

        if (authenticator is null)
        {
            authenticator = new StaffAuthenticator
            {
                StaffAccountId = account.Id,
                Key = Base32.Encode(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20)),
                CreatedAt = time.GetUtcNow().UtcDateTime,
            };
            db.StaffAuthenticators.Add(authenticator);
            await db.SaveChangesAsync(cancellationToken);
        }

        var issuer = (await publication.GetAsync(cancellationToken)).Name;
        return new AuthenticatorSetup(authenticator.Key, Totp.AppLink(authenticator.Key, issuer, account.Email ?? actor.Name));
    }

    /// <summary>Turns the app being set up on, once a code from it and the password check out.</summary>
    public async Task<SecondFactorAdded> ConfirmAuthenticatorAsync(Actor actor, string code, Confirmation password, string? keepSession,
        CancellationToken cancellationToken = default)
    {
        var account = await AccountOfAsync(actor, cancellationToken);
        var authenticator = await db.StaffAuthenticators.SingleOrDefaultAsync(a => a.StaffAccountId == account.Id && a.ConfirmedAt == null, cancellationToken)
            ?? throw new WorkflowException("There is no authenticator app being set up; start again.");
        await DemandPasswordAsync(actor, password, "to set up an authenticator app", cancellationToken);
        if (Totp.MatchingStep(Base32.Decode(authenticator.Key), Digits(code), time.GetUtcNow()) is not { } step)
        {
            throw ValidationException.For("Code", "That code does not match. Type the six digits your app shows now for this account.");
        }

        var first = !(await FactorsOfAsync(account.Id, cancellationToken)).Any;
        authenticator.ConfirmedAt = time.GetUtcNow().UtcDateTime;
        authenticator.LastUsedStep = step;
        return await AddedAsync(actor, account, "an authenticator app", first, keepSession, cancellationToken);
    }

    public async Task RemoveAuthenticatorAsync(Actor actor, Confirmation password, CancellationToken cancellationToken = default)
    {
        var account = await AccountOfAsync(actor, cancellationToken);
        await DemandPasswordAsync(actor, password, "to turn off the authenticator app", cancellationToken);
        var authenticator = await db.StaffAuthenticators.SingleOrDefaultAsync(a => a.StaffAccountId == account.Id, cancellationToken)
            ?? throw new NotFoundException("You have no authenticator app set up.");
        db.StaffAuthenticators.Remove(authenticator);
        await RemovedAsync(actor, account, "the authenticator app", cancellationToken);
    }

    /// <summary>Keeps a passkey the browser has just made and Identity has checked, under the name the person gave it.</summary>
    public async Task<SecondFactorAdded> AddPasskeyAsync(Actor actor, UserPasskeyInfo passkey, string name, string? keepSession, CancellationToken cancellationToken = default)
    {
        var account = await AccountOfAsync(actor, cancellationToken);
        passkey.Name = PasskeyName(name);
        SecondFactorAdded added = null!;
        await db.InTransactionAsync(async () =>
        {
            var first = !(await FactorsOfAsync(account.Id, cancellationToken)).Any;
            Check(await accounts.AddOrUpdatePasskeyAsync(account, passkey));
            added = await AddedAsync(actor, account, $"the passkey “{passkey.Name}”", first, keepSession, cancellationToken);
        }, cancellationToken);
        return added;
    }

    public async Task RemovePasskeyAsync(Actor actor, string passkeyId, Confirmation password, CancellationToken cancellationToken = default)
    {
        var account = await AccountOfAsync(actor, cancellationToken);
        var credentialId = FromBase64UrlId(passkeyId);
        var passkey = (credentialId is null ? null : await accounts.GetPasskeyAsync(account, credentialId))
            ?? throw new NotFoundException("You have no such passkey.");
        await DemandPasswordAsync(actor, password, $"to remove the passkey “{passkey.Name}”", cancellationToken);
        await db.InTransactionAsync(async () =>
        {
            Check(await accounts.RemovePasskeyAsync(account, passkey.CredentialId));
            await RemovedAsync(actor, account, $"the passkey “{passkey.Name}”", cancellationToken);
        }, cancellationToken);
    }

    /// <summary>Ten new recovery codes in place of the old ones, to show once.</summary>
    public async Task<IReadOnlyList<string>> RegenerateRecoveryCodesAsync(Actor actor, Confirmation password, CancellationToken cancellationToken = default)
    {
        var account = await AccountOfAsync(actor, cancellationToken);
        await DemandPasswordAsync(actor, password, "to make new recovery codes", cancellationToken);
        if (!(await FactorsOfAsync(account.Id, cancellationToken)).Any)
        {
            throw new WorkflowException("Recovery codes stand in for a second factor: set one up first.");
        }

        var codes = await ReplaceRecoveryCodesAsync(account.Id, cancellationToken);
        db.Record(time.GetUtcNow().UtcDateTime, actor, AuditActions.RecoveryCodesRegenerated,
            details: $"{actor.Name}: {RecoveryCodes.Count} new recovery codes, the old ones no longer work");
        await db.SaveChangesAsync(cancellationToken);
        return codes;
    }

    /// <summary>
    /// An administrator removes every second factor of a person who can no longer give one (a lost phone, no
    /// recovery codes left); they sign in with their password and set one up again.
    /// </summary>
    public async Task<int> RemoveAllAsync(Actor actor, int staffMemberId, CancellationToken cancellationToken = default)
    {
        Permissions.Demand(Permissions.CanAdminister(actor), "remove other people's second factors");
        var account = await db.Users.Include(a => a.StaffMember).SingleOrDefaultAsync(a => a.StaffMemberId == staffMemberId, cancellationToken)
            ?? throw new NotFoundException("That person has no staff account.");
        var removed = 0;
        await db.InTransactionAsync(async () =>
        {
            removed += await db.StaffAuthenticators.Where(a => a.StaffAccountId == account.Id && a.ConfirmedAt != null).ExecuteDeleteAsync(cancellationToken);
            await db.StaffAuthenticators.Where(a => a.StaffAccountId == account.Id).ExecuteDeleteAsync(cancellationToken);
            removed += await db.UserPasskeys.Where(p => p.UserId == account.Id).ExecuteDeleteAsync(cancellationToken);
            await db.StaffRecoveryCodes.Where(c => c.StaffAccountId == account.Id).ExecuteDeleteAsync(cancellationToken);
            db.Record(time.GetUtcNow().UtcDateTime, actor, AuditActions.SecondFactorRemoved,
                details: $"{account.StaffMember!.Name}: every second factor ({removed}) and recovery code removed by {actor.Name}");
            await db.SaveChangesAsync(cancellationToken);
        }, cancellationToken);
        return removed;
    }

    /// <param name="first">Whether the person had no second factor before this one.</param>
    private async Task<SecondFactorAdded> AddedAsync(Actor actor, StaffAccount account, string what, bool first, string? keepSession, CancellationToken cancellationToken)
    {
        SecondFactorAdded added = null!;
        await db.InTransactionAsync(async () =>
        {
            var codes = first ? await ReplaceRecoveryCodesAsync(account.Id, cancellationToken) : null;
            db.Record(time.GetUtcNow().UtcDateTime, actor, AuditActions.SecondFactorAdded, details: $"{actor.Name}: {what}{(first ? ", with ten recovery codes" : "")}");
            await db.SaveChangesAsync(cancellationToken);
            var ended = first ? await sessions.EndOpenAsync(account.Id, keepSession, actor, "a second factor was added", cancellationToken) : 0;
            added = new SecondFactorAdded(codes, ended);
        }, cancellationToken);
        return added;
    }

    private async Task RemovedAsync(Actor actor, StaffAccount account, string what, CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        var last = !(await FactorsOfAsync(account.Id, cancellationToken)).Any;
        if (last)
        {
            await db.StaffRecoveryCodes.Where(c => c.StaffAccountId == account.Id).ExecuteDeleteAsync(cancellationToken);
        }

        db.Record(time.GetUtcNow().UtcDateTime, actor, AuditActions.SecondFactorRemoved,
            details: $"{actor.Name}: {what}{(last ? "; no second factor is left, and the recovery codes are deleted" : "")}");
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<string[]> ReplaceRecoveryCodesAsync(int accountId, CancellationToken cancellationToken)
    {
        await db.StaffRecoveryCodes.Where(c => c.StaffAccountId == accountId).ExecuteDeleteAsync(cancellationToken);
        var codes = RecoveryCodes.Generate();
        var now = time.GetUtcNow().UtcDateTime;
        db.StaffRecoveryCodes.AddRange(codes.Select(code => new StaffRecoveryCode { StaffAccountId = accountId, CodeHash = RecoveryCodes.Hash(code), CreatedAt = now }));
        return codes;
    }

    private async Task DemandPasswordAsync(Actor actor, Confirmation password, string purpose, CancellationToken cancellationToken)
    {
        if (!await signIns.ConfirmPasswordAsync(actor, password, purpose, cancellationToken))
        {
            throw ValidationException.For("Password", "That is not your password. After several failed attempts, checking slows down: wait a minute before trying again.");
        }
    }

    private async Task<StaffAccount> AccountOfAsync(Actor actor, CancellationToken cancellationToken) =>
        await db.Users.SingleOrDefaultAsync(a => a.StaffMemberId == actor.StaffId, cancellationToken)
        ?? throw new NotFoundException("You have no staff account.");

    private static string PasskeyName(string name)
    {
        name = (name ?? "").Trim();
        if (name.Length == 0)
        {
            throw ValidationException.For("Name", "Name the passkey, such as “Work laptop” or “Phone”, so you can tell your passkeys apart.");
        }

        return name.Length <= PasskeyNameLength ? name : throw ValidationException.For("Name", $"Use at most {PasskeyNameLength} characters.");
    }

    internal static string Digits(string code) => new([.. (code ?? "").Where(c => !char.IsWhiteSpace(c))]);

    public static string Base64UrlId(byte[] credentialId) => Convert.ToBase64String(credentialId).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[]? FromBase64UrlId(string id)
    {
        var text = (id ?? "").Replace('-', '+').Replace('_', '/');
        text = text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
