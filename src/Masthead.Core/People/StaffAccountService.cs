using System.Security.Cryptography;
using System.Text;
using Masthead.Core.Audit;
using Masthead.Core.Events;
using Masthead.Core.Mail;
using Masthead.Core.Publication;
using Masthead.Core.Publishing;
using Masthead.Core.SignIn;
using Masthead.Core.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.People;

/// <summary>A one-time link that lets a person choose their password, as a path with its query.</summary>
public sealed record SetPasswordLink(int AccountId, string Path);

/// <summary>
/// A staff member as administrators see them: role, whether they may sign in, their sign-in address, whether they
/// are still to choose their first password (readers do not see them until they have), and whether they sign in
/// with a second factor.
/// </summary>
public sealed record StaffAccountView(int Id, string Slug, string Name, string JobTitle, NewsroomRole Role, bool IsActive, string? AccountEmail, bool AwaitingPassword,
    bool HasSecondFactor);

/// <summary>Staff accounts: invitations, passwords, roles, deactivation, and the very first administrator.</summary>
public sealed class StaffAccountService(
    MastheadDb db,
    UserManager<StaffAccount> accounts,
    StaffService staff,
    StaffSessionService sessions,
    SignInService signIns,
    AccountMail mail,
    ProtectionKeys keys,
    TimeProvider time)
{
    /// <summary>Everyone on the staff, active or not, in masthead order.</summary>
    public async Task<List<StaffAccountView>> ListAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        Permissions.Demand(Permissions.CanAdminister(actor), "manage staff");
        return await db.Staff.AsNoTracking().OrderBy(s => s.Position).ThenBy(s => s.Name)
            .Select(s => new StaffAccountView(s.Id, s.Slug, s.Name, s.JobTitle, s.Role, s.IsActive,
                db.Users.Where(a => a.StaffMemberId == s.Id).Select(a => a.Email).FirstOrDefault(),
                db.Users.Any(a => a.StaffMemberId == s.Id && a.PasswordHash == null),
                db.Users.Any(a => a.StaffMemberId == s.Id
                    && (db.StaffAuthenticators.Any(x => x.StaffAccountId == a.Id && x.ConfirmedAt != null) || db.UserPasskeys.Any(p => p.UserId == a.Id)))))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Creates the person's profile and account, emails them the link they set their password with (queued in the same
    /// transaction), and returns the link too, for a newsroom with no mail server.
    /// </summary>
    public async Task<SetPasswordLink> InviteAsync(Actor actor, string name, string email, NewsroomRole role, string jobTitle = "", CancellationToken cancellationToken = default)
    {
        Permissions.Demand(Permissions.CanAdminister(actor), "invite staff");
        email = (email ?? "").Trim();
        CheckEmail(email);

        var account = new StaffAccount { UserName = email, Email = email, EmailConfirmed = true };
        SetPasswordLink link = null!;
        keys.EnsureCurrent(); // the link is sealed inside the transaction
        await db.InTransactionAsync(async () =>
        {
            // Two administrators inviting the same person at once: the second waits here, then finds the address taken.
            await db.LockNewsroomAsync(cancellationToken);
            if (await accounts.FindByEmailAsync(email) is not null)
            {
                throw ValidationException.For("Email", $"{email} already has a staff account.");
            }

            var slug = await FreeSlugAsync(name, cancellationToken);
            account.StaffMemberId = await staff.CreateAsync(new StaffInput(name, jobTitle, Slug: slug, Role: role), cancellationToken);
            Check(await accounts.CreateAsync(account));
            db.Record(time.GetUtcNow().UtcDateTime, actor, AuditActions.Invited, details: $"{name.Trim()} <{email}> as {role}");
            link = await LinkAsync(account);
            await mail.InvitationAsync(new MailRecipient(email, name.Trim(), account.StaffMemberId), role, actor, link.Path, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }, cancellationToken);
        return link;
    }

    /// <summary>A fresh set-password link for an existing account, for a forgotten password: emailed to the person, and returned.</summary>
    public async Task<SetPasswordLink> ResetLinkAsync(Actor actor, int staffMemberId, CancellationToken cancellationToken = default)
    {
        Permissions.Demand(Permissions.CanAdminister(actor), "reset other people's passwords");
        var account = await db.Users.Include(a => a.StaffMember).SingleOrDefaultAsync(a => a.StaffMemberId == staffMemberId, cancellationToken)
            ?? throw new NotFoundException("That person has no staff account.");
        SetPasswordLink link = null!;
        keys.EnsureCurrent();
        await db.InTransactionAsync(async () =>
        {
            db.Record(time.GetUtcNow().UtcDateTime, actor, AuditActions.PasswordLinkIssued, details: account.Email ?? "");
            link = await LinkAsync(account);
            if (account.Email is { } email)
            {
                await mail.SetPasswordLinkAsync(new MailRecipient(email, account.StaffMember!.Name, staffMemberId), link.Path, cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
        }, cancellationToken);
        return link;
    }

    /// <returns>False, changing nothing, when the person already had that role.</returns>
    public async Task<bool> ChangeRoleAsync(Actor actor, int staffMemberId, NewsroomRole role, CancellationToken cancellationToken = default)
    {
        Permissions.Demand(Permissions.CanAdminister(actor), "change roles");
        var changed = false;
        await db.InTransactionAsync(async () =>
        {
            await db.LockNewsroomAsync(cancellationToken);
            var member = await FindAsync(staffMemberId, cancellationToken);
            if (member.Role == role)
            {
                return;
            }

            if (member.Role == NewsroomRole.Administrator)
            {
                await KeepOneAdministratorAsync(member.Id, cancellationToken);
            }

            var from = member.Role;
            member.Role = role;
            db.Record(time.GetUtcNow().UtcDateTime, actor, AuditActions.RoleChanged, details: $"{member.Name}: {from} → {role}");
            await db.SaveChangesAsync(cancellationToken);
            changed = true;
        }, cancellationToken);
        return changed;
    }

    /// <summary>
    /// Stops the person signing in, and ends every session of theirs at once; their bylines and author page stay.
    /// Reactivating them opens no old session again: they sign in afresh.
    /// </summary>
    /// <returns>False, changing nothing, when the person already was active (or deactivated).</returns>
    public async Task<bool> SetActiveAsync(Actor actor, int staffMemberId, bool active, CancellationToken cancellationToken = default)
    {
        Permissions.Demand(Permissions.CanAdminister(actor), "deactivate or reactivate staff");
        var changed = false;
        await db.InTransactionAsync(async () =>
        {
            await db.LockNewsroomAsync(cancellationToken);
            var member = await FindAsync(staffMemberId, cancellationToken);
            if (member.IsActive == active)
            {
                return;
            }

            if (!active && member.Role == NewsroomRole.Administrator)
            {
                await KeepOneAdministratorAsync(member.Id, cancellationToken);
            }

            member.IsActive = active;
            db.Record(time.GetUtcNow().UtcDateTime, actor, active ? AuditActions.Reactivated : AuditActions.Deactivated, details: member.Name);
            db.Raise(new SiteChanged(SiteArea.Staff));
            await db.SaveChangesAsync(cancellationToken);
            if (!active && await db.Users.SingleOrDefaultAsync(a => a.StaffMemberId == member.Id, cancellationToken) is { } account)
            {
                Check(await accounts.UpdateSecurityStampAsync(account)); // a set-password link issued before no longer works
                await sessions.EndOpenAsync(account.Id, null, actor, "deactivated", cancellationToken);
            }

            changed = true;
        }, cancellationToken);
        return changed;
    }

    /// <summary>
    /// The account a set-password link was issued for, or null when the link is not valid (wrong, used, expired, or
    /// not the newest for its account). Nothing about an account is to be shown before this says the link is good.
    /// </summary>
    public async Task<StaffAccount?> FindByLinkAsync(int accountId, string? token)
    {
        var account = await accounts.FindByIdAsync(accountId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return account is not null && !string.IsNullOrEmpty(token)
            && await accounts.VerifyUserTokenAsync(account, accounts.Options.Tokens.PasswordResetTokenProvider, UserManager<StaffAccount>.ResetPasswordTokenPurpose, token)
            ? account
            : null;
    }

    /// <summary>
    /// Sets the password of the account a one-time link was issued for, spending the link's token, and ends every
    /// session of the account: whoever knew the old password is signed out. An invitee's first password puts them
    /// on the public staff page.
    /// </summary>
    public async Task<IdentityResult> SetPasswordAsync(StaffAccount account, string token, string password, CancellationToken cancellationToken = default)
    {
        var accepting = account.PasswordHash is null;
        var result = IdentityResult.Failed();
        await db.InTransactionAsync(async () =>
        {
            result = await accounts.ResetPasswordAsync(account, token, password);
            if (result.Succeeded)
            {
                var owner = await db.Staff.AsNoTracking().SingleAsync(s => s.Id == account.StaffMemberId, cancellationToken);
                await sessions.EndOpenAsync(account.Id, null, Actor.For(owner), "password set from a link", cancellationToken);
                if (accepting)
                {
                    db.Raise(new SiteChanged(SiteArea.Staff));
                }
            }
        }, cancellationToken);
        return result;
    }

    /// <summary>
    /// Changes the actor's own password and ends every other session of theirs at once, on every node; the session
    /// <paramref name="keepSession"/> names (the one asking) stays open. The current password is checked through the
    /// sign-in throttle, so a stolen session cannot be used to guess it.
    /// </summary>
    public async Task<IdentityResult> ChangePasswordAsync(Actor actor, Confirmation current, string password, string? keepSession, CancellationToken cancellationToken = default)
    {
        if (!await signIns.ConfirmPasswordAsync(actor, current, "to change the password", cancellationToken))
        {
            return IdentityResult.Failed(accounts.ErrorDescriber.PasswordMismatch());
        }

        var account = await db.Users.SingleAsync(a => a.StaffMemberId == actor.StaffId, cancellationToken);
        var result = IdentityResult.Failed();
        await db.InTransactionAsync(async () =>
        {
            result = await accounts.ChangePasswordAsync(account, current.Password, password);
            if (result.Succeeded)
            {
                await sessions.EndOpenAsync(account.Id, keepSession, actor, "password changed", cancellationToken);
            }
        }, cancellationToken);
        return result;
    }

    /// <summary>On a site with no staff accounts, a one-time token for the set-up page; null if one was already issued.</summary>
    public async Task<string?> IssueSetupTokenAsync(CancellationToken cancellationToken = default)
    {
        if (await db.Users.AnyAsync(cancellationToken))
        {
            return null;
        }

        var settings = await db.Publication.SingleAsync(s => s.Id == PublicationSettings.SingletonId, cancellationToken);
        if (settings.SetupTokenHash is not null)
        {
            return null;
        }

        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        settings.SetupTokenHash = Hash(token);
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    public async Task<bool> IsSetupTokenValidAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token) || await db.Users.AnyAsync(cancellationToken))
        {
            return false;
        }

        var hash = await db.Publication.Where(s => s.Id == PublicationSettings.SingletonId).Select(s => s.SetupTokenHash).SingleAsync(cancellationToken);
        return hash is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(hash), Encoding.ASCII.GetBytes(Hash(token)));
    }

    /// <summary>Creates the first administrator from the set-up page, and spends the token; returns the account's id.</summary>
    /// <exception cref="ForbiddenException">The token is not valid, or was spent a moment before by someone else.</exception>
    public async Task<int> CreateFirstAdministratorAsync(string token, string name, string email, string password, CancellationToken cancellationToken = default)
    {
        if (!await IsSetupTokenValidAsync(token, cancellationToken))
        {
            throw new ForbiddenException("This set-up link has already been used.");
        }

        name = name.Trim();
        email = email.Trim();
        CheckEmail(email);
        var accountId = 0;
        await db.InTransactionAsync(async () =>
        {
            // Two people sending the set-up form at the same moment: the second waits here and finds the token spent.
            await db.LockNewsroomAsync(cancellationToken);
            if (!await IsSetupTokenValidAsync(token, cancellationToken))
            {
                throw new ForbiddenException("This set-up link has already been used.");
            }

            var memberId = await staff.CreateAsync(new StaffInput(name, "Administrator", Slug: await FreeSlugAsync(name, cancellationToken), Role: NewsroomRole.Administrator),
                cancellationToken);
            var account = new StaffAccount { StaffMemberId = memberId, UserName = email, Email = email, EmailConfirmed = true };
            Check(await accounts.CreateAsync(account, password));
            var settings = await db.Publication.SingleAsync(s => s.Id == PublicationSettings.SingletonId, cancellationToken);
            settings.SetupTokenHash = null;
            db.Record(time.GetUtcNow().UtcDateTime, new Actor(memberId, NewsroomRole.Administrator, name), AuditActions.FirstAdministrator,
                details: $"{name} <{email}> set up the newsroom");
            await db.SaveChangesAsync(cancellationToken);
            accountId = account.Id;
        }, cancellationToken);
        return accountId;
    }

    private async Task<SetPasswordLink> LinkAsync(StaffAccount account)
    {
        // Links are signed with the account's security stamp: a new stamp makes every earlier link invalid, so only
        // the newest works.
        Check(await accounts.UpdateSecurityStampAsync(account));
        var token = await accounts.GeneratePasswordResetTokenAsync(account);
        return new SetPasswordLink(account.Id, $"/newsroom/set-password?account={account.Id}&token={Uri.EscapeDataString(token)}");
    }

    private async Task<StaffMember> FindAsync(int staffMemberId, CancellationToken cancellationToken) =>
        await db.Staff.SingleOrDefaultAsync(s => s.Id == staffMemberId, cancellationToken)
        ?? throw new NotFoundException($"There is no staff member {staffMemberId}.");

    private async Task KeepOneAdministratorAsync(int leaving, CancellationToken cancellationToken)
    {
        if (!await db.Staff.AnyAsync(s => s.Id != leaving && s.IsActive && s.Role == NewsroomRole.Administrator, cancellationToken))
        {
            throw new WorkflowException("The newsroom needs at least one active administrator; appoint another first.");
        }
    }

    private async Task<string> FreeSlugAsync(string name, CancellationToken cancellationToken)
    {
        var slug = Text.Slugs.Slugify(name);
        if (slug.Length == 0)
        {
            throw ValidationException.For("Name", "Enter the person's name.");
        }

        var candidate = slug;
        for (var n = 2; await db.Staff.AnyAsync(s => s.Slug == candidate, cancellationToken); n++)
        {
            candidate = $"{slug}-{n}";
        }

        return candidate;
    }

    /// <summary>An address to sign in with: one address, and no longer than the column Identity gives it.</summary>
    internal static void CheckEmail(string email)
    {
        if (email.Length > StaffAccount.MaxEmailLength || !System.Net.Mail.MailAddress.TryCreate(email, out _))
        {
            throw ValidationException.For("Email", $"Enter the person's email address, in at most {StaffAccount.MaxEmailLength} characters.");
        }
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new ValidationException(result.Errors.GroupBy(e => e.Code.Contains("Password", StringComparison.Ordinal) ? "Password" : "Email")
                .ToDictionary(g => g.Key, g => string.Join(" ", g.Select(e => e.Description))));
        }
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
