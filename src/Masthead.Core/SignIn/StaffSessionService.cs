using System.Net;
using System.Security.Cryptography;
using System.Text;
using Masthead.Core.Audit;
using Masthead.Core.Events;
using Masthead.Core.People;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.SignIn;

/// <summary>An open session as its owner sees it in their list.</summary>
public sealed record SessionView(long Id, string Device, string UserAgent, string Address, DateTime CreatedAt, DateTime LastSeenAt, bool IsCurrent);

/// <summary>
/// Staff sessions on the server: opened at sign-in, checked on every request (through <see cref="StaffSessionCache"/>),
/// and ended by signing out, from the person's list of sessions, by an administrator, or all at once when the password
/// changes or the person is deactivated. Ending one raises <see cref="StaffSessionsEnded"/>, which every node hears.
/// </summary>
public sealed class StaffSessionService(MastheadDb db, TimeProvider time)
{
    /// <summary>The claim in the staff cookie that names its session (by the session's secret).</summary>
    public const string ClaimType = "masthead:session";

    public const int UserAgentLength = 400;

    /// <summary>A session unused for this long has ended; the staff cookie expires after as long without use.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromHours(12);

    /// <summary>Sessions unused for this long, ended or not, are deleted.</summary>
    private static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Opens a session for an account whose sign-in succeeded; returns the secret its cookie carries. <paramref name="how"/>
    /// says, for the audit log, what the person gave beyond a password alone, such as "password and authenticator app".
    /// </summary>
    public async Task<string> StartAsync(int accountId, string? userAgent, IPAddress? address, string how = "password", CancellationToken cancellationToken = default)
    {
        var now = Now;
        var owner = await OwnerAsync(accountId, cancellationToken);
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var session = new StaffSession
        {
            StaffAccountId = accountId,
            KeyHash = HashOf(secret),
            UserAgent = userAgent is { Length: > UserAgentLength } ? userAgent[..UserAgentLength] : userAgent ?? "",
            Address = ClientAddresses.Display(address),
            CreatedAt = now,
            LastSeenAt = now,
        };
        db.StaffSessions.Add(session);
        db.Record(now, Actor.For(owner), AuditActions.SignedIn, details: how == "password" ? Describe(session) : $"{Describe(session)}, with {how}");
        await db.SaveChangesAsync(cancellationToken);

        var forgotten = now - Retention;
        await db.StaffSessions.Where(s => s.LastSeenAt < forgotten).ExecuteDeleteAsync(cancellationToken);
        return secret;
    }

    /// <summary>Whether the session is open and the account's; if so, notes that it was seen now.</summary>
    public async Task<bool> TouchAsync(string secret, int accountId, CancellationToken cancellationToken = default)
    {
        var now = Now;
        var hash = HashOf(secret);
        var idleSince = now - IdleTimeout;
        return await db.StaffSessions
            .Where(s => s.KeyHash == hash && s.StaffAccountId == accountId && s.EndedAt == null && s.LastSeenAt > idleSince)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.LastSeenAt, now), cancellationToken) == 1;
    }

    /// <summary>A person's open sessions: the one <paramref name="currentSecret"/> names (the one asking) first, then the most recently used.</summary>
    public async Task<List<SessionView>> ListOpenAsync(Actor actor, int staffMemberId, string? currentSecret, CancellationToken cancellationToken = default)
    {
        DemandMayManage(actor, staffMemberId);
        var accountId = await AccountIdAsync(staffMemberId, cancellationToken);
        var current = currentSecret is null ? null : HashOf(currentSecret);
        var sessions = await Open(accountId).OrderByDescending(s => s.LastSeenAt).ThenByDescending(s => s.Id).AsNoTracking().ToListAsync(cancellationToken);
        return [.. sessions.Select(s => new SessionView(s.Id, DeviceNames.Of(s.UserAgent), s.UserAgent, s.Address, s.CreatedAt, s.LastSeenAt, s.KeyHash == current))
            .OrderByDescending(s => s.IsCurrent)];
    }

    /// <summary>Ends one session: the owner's own, or anyone's for an administrator. One already ended stays ended.</summary>
    public async Task EndAsync(Actor actor, long sessionId, CancellationToken cancellationToken = default)
    {
        var session = await db.StaffSessions.SingleOrDefaultAsync(s => s.Id == sessionId, cancellationToken)
            ?? throw new NotFoundException("That session does not exist.");
        var owner = await OwnerAsync(session.StaffAccountId, cancellationToken);
        DemandMayManage(actor, owner.Id);
        if (session.EndedAt is not null)
        {
            return;
        }

        await EndAsync([session], session.StaffAccountId, actor, $"{owner.Name}: {Describe(session)}", cancellationToken);
    }

    /// <summary>Signing out: ends the session the cookie names.</summary>
    public async Task SignOutAsync(string secret, CancellationToken cancellationToken = default)
    {
        var hash = HashOf(secret);
        if (await db.StaffSessions.SingleOrDefaultAsync(s => s.KeyHash == hash && s.EndedAt == null, cancellationToken) is { } session)
        {
            var owner = await OwnerAsync(session.StaffAccountId, cancellationToken);
            await EndAsync([session], session.StaffAccountId, Actor.For(owner), $"signed out: {Describe(session)}", cancellationToken);
        }
    }

    /// <summary>
    /// Ends every open session of a person, but for the one <paramref name="keepSecret"/> names ("sign out everywhere
    /// else"); the person themselves, or an administrator. Returns how many ended.
    /// </summary>
    public async Task<int> EndAllAsync(Actor actor, int staffMemberId, string? keepSecret = null, CancellationToken cancellationToken = default)
    {
        DemandMayManage(actor, staffMemberId);
        var accountId = await AccountIdAsync(staffMemberId, cancellationToken);
        return await EndOpenAsync(accountId, keepSecret, actor, actor.StaffId == staffMemberId ? "signed out everywhere else" : $"ended by {actor.Name}", cancellationToken);
    }

    /// <summary>Ends every open session of an account but the kept one, for the reason given; the caller has checked the actor may.</summary>
    internal async Task<int> EndOpenAsync(int accountId, string? keepSecret, Actor actor, string reason, CancellationToken cancellationToken)
    {
        var keep = keepSecret is null ? null : HashOf(keepSecret);
        var open = await Open(accountId).Where(s => keep == null || s.KeyHash != keep).ToListAsync(cancellationToken);
        if (open.Count == 0)
        {
            return 0;
        }

        var owner = await OwnerAsync(accountId, cancellationToken);
        await EndAsync(open, accountId, actor, $"{owner.Name}: {(open.Count == 1 ? "1 session" : $"{open.Count} sessions")} ended, {reason}", cancellationToken);
        return open.Count;
    }

    private async Task EndAsync(IReadOnlyList<StaffSession> sessions, int accountId, Actor actor, string details, CancellationToken cancellationToken)
    {
        var now = Now;
        foreach (var session in sessions)
        {
            session.EndedAt = now;
        }

        db.Record(now, actor, AuditActions.SessionEnded, details: details);
        db.Raise(new StaffSessionsEnded(accountId));
        await db.SaveChangesAsync(cancellationToken);
    }

    private IQueryable<StaffSession> Open(int accountId)
    {
        var idleSince = Now - IdleTimeout;
        return db.StaffSessions.Where(s => s.StaffAccountId == accountId && s.EndedAt == null && s.LastSeenAt > idleSince);
    }

    private Task<StaffMember> OwnerAsync(int accountId, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking().Where(a => a.Id == accountId).Select(a => a.StaffMember!).SingleAsync(cancellationToken);

    private async Task<int> AccountIdAsync(int staffMemberId, CancellationToken cancellationToken) =>
        await db.Users.Where(a => a.StaffMemberId == staffMemberId).Select(a => (int?)a.Id).SingleOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("That person has no staff account.");

    private static void DemandMayManage(Actor actor, int staffMemberId) =>
        Permissions.Demand(actor.StaffId == staffMemberId || Permissions.CanAdminister(actor), "end other people's sessions");

    private static string Describe(StaffSession session) => $"{DeviceNames.Of(session.UserAgent)} from {session.Address}";

    private static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
