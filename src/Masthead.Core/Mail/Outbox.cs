using Masthead.Core.Events;
using Masthead.Core.Newsletters;
using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Mail;

/// <summary>A message a sender has claimed, with everything it needs to build and send it.</summary>
public sealed record ClaimedMail(
    long Id,
    MailKind Kind,
    string ToAddress,
    string ToName,
    string? ReplyToAddress,
    string? ReplyToName,
    string Subject,
    string TextBody,
    string HtmlBody,
    Guid MessageKey,
    DateTime QueuedAt,
    DateTime ExpiresAt,
    int Attempts,
    string? ListUnsubscribeUrl = null);

/// <summary>
/// The outbox as senders work it. A sender claims due messages with one conditional update that sets its own claim
/// on each (and moves its version on), and only where the message is still due or its last claim has lapsed, so of two
/// nodes claiming at once each message goes to exactly one; the sender then records each message's result only while
/// its claim holds. A claim lapses after <see cref="Lease"/>, when its node stopped mid-send: another node then sends
/// the message. That is the one way a message is sent twice: the server accepted it, and the node stopped before the
/// database recorded it (see docs/operating.md).
/// </summary>
public sealed class Outbox(MastheadDb db, TimeProvider time)
{
    /// <summary>How long a claim holds: far longer than a message takes to send, however slow the server.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    /// <summary>The longest wait between two attempts at one message.</summary>
    public static readonly TimeSpan LongestWait = TimeSpan.FromHours(1);

    /// <summary>Claims up to <paramref name="count"/> due messages, oldest due first, for <paramref name="claim"/>.</summary>
    /// <param name="only">Claims only these messages (the command line sends what it has just queued).</param>
    public async Task<List<ClaimedMail>> ClaimAsync(Guid claim, int count, IReadOnlyCollection<long>? only = null, CancellationToken cancellationToken = default)
    {
        var now = Now;
        var due = Due(now);
        if (only is not null)
        {
            due = due.Where(m => only.Contains(m.Id));
        }

        var ids = await due.OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).Select(m => m.Id).Take(count).ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return [];
        }

        var until = now + Lease;
        await Due(now).Where(m => ids.Contains(m.Id)).ExecuteUpdateAsync(set => set
            .SetProperty(m => m.State, OutgoingMailState.Sending)
            .SetProperty(m => m.ClaimToken, claim)
            .SetProperty(m => m.ClaimedUntil, until)
            .SetProperty(m => m.Version, m => m.Version + 1), cancellationToken);
        return await db.Outbox.AsNoTracking().Where(m => m.ClaimToken == claim && m.State == OutgoingMailState.Sending)
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
            .Select(m => new ClaimedMail(m.Id, m.Kind, m.ToAddress, m.ToName, m.ReplyToAddress, m.ReplyToName, m.Subject, m.TextBody, m.HtmlBody,
                m.MessageKey, m.QueuedAt, m.ExpiresAt, m.Attempts, m.ListUnsubscribeUrl))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The server accepted the message (or it was written to the mail directory); <paramref name="answer"/> says so.</summary>
    public Task RecordSentAsync(ClaimedMail mail, Guid claim, string answer, CancellationToken cancellationToken = default)
    {
        var now = Now;
        return Claimed(mail.Id, claim).ExecuteUpdateAsync(set => set
            .SetProperty(m => m.State, OutgoingMailState.Sent)
            .SetProperty(m => m.SentAt, now)
            .SetProperty(m => m.LastAttemptAt, now)
            .SetProperty(m => m.Attempts, mail.Attempts + 1)
            .SetProperty(m => m.LastResult, Clip(answer))
            .SetProperty(m => m.ClaimToken, (Guid?)null)
            .SetProperty(m => m.ClaimedUntil, (DateTime?)null)
            .SetProperty(m => m.Version, m => m.Version + 1), cancellationToken);
    }

    /// <summary>
    /// An attempt failed. A temporary failure waits <paramref name="firstRetry"/>, then twice as long after each further
    /// one, up to <see cref="LongestWait"/>, until the message is no longer worth sending; a permanent one is final.
    /// Either way administrators see <paramref name="reason"/>.
    /// </summary>
    public Task RecordFailureAsync(ClaimedMail mail, Guid claim, string reason, bool permanent, TimeSpan firstRetry, CancellationToken cancellationToken = default)
    {
        var now = Now;
        var attempts = mail.Attempts + 1;
        var next = now + WaitAfter(attempts, firstRetry);
        var givenUp = !permanent && next > mail.ExpiresAt;
        var result = givenUp ? $"Given up after {attempts} attempt{(attempts == 1 ? "" : "s")}: {reason}" : reason;
        return Claimed(mail.Id, claim).ExecuteUpdateAsync(set => set
            .SetProperty(m => m.State, permanent || givenUp ? OutgoingMailState.Failed : OutgoingMailState.Queued)
            .SetProperty(m => m.NextAttemptAt, next)
            .SetProperty(m => m.LastAttemptAt, now)
            .SetProperty(m => m.Attempts, attempts)
            .SetProperty(m => m.LastResult, Clip(result))
            .SetProperty(m => m.ClaimToken, (Guid?)null)
            .SetProperty(m => m.ClaimedUntil, (DateTime?)null)
            .SetProperty(m => m.Version, m => m.Version + 1), cancellationToken);
    }

    /// <summary>Gives claimed messages back unattempted (the node is stopping, or the server went away): any sender may take them.</summary>
    public Task ReleaseAsync(IReadOnlyCollection<long> ids, Guid claim, CancellationToken cancellationToken = default) =>
        db.Outbox.Where(m => ids.Contains(m.Id) && m.ClaimToken == claim && m.State == OutgoingMailState.Sending).ExecuteUpdateAsync(set => set
            .SetProperty(m => m.State, OutgoingMailState.Queued)
            .SetProperty(m => m.ClaimToken, (Guid?)null)
            .SetProperty(m => m.ClaimedUntil, (DateTime?)null)
            .SetProperty(m => m.Version, m => m.Version + 1), cancellationToken);

    /// <summary>Messages still waiting when no longer worth sending (a reset link that has expired) are given up as failed.</summary>
    public async Task<int> GiveUpExpiredAsync(CancellationToken cancellationToken = default)
    {
        var now = Now;
        var expired = db.Outbox.Where(m => m.State == OutgoingMailState.Queued && m.ExpiresAt < now);
        if (!await expired.AnyAsync(cancellationToken))
        {
            return 0; // a read, so that looking for nothing does not take the write lock
        }

        return await expired.ExecuteUpdateAsync(set => set
            .SetProperty(m => m.State, OutgoingMailState.Failed)
            .SetProperty(m => m.LastResult, m => "Not sent in time: " + (m.LastResult ?? "it was never tried"))
            .SetProperty(m => m.Version, m => m.Version + 1), cancellationToken);
    }

    /// <summary>
    /// Deletes sent messages after a month and failed ones after three: the outbox is not an archive. A newsletter send's
    /// counts of them are kept on the send, for its history.
    /// </summary>
    public async Task ForgetOldAsync(CancellationToken cancellationToken = default)
    {
        var now = Now;
        var sentBefore = now.AddDays(-30);
        var failedBefore = now.AddDays(-90);
        var old = db.Outbox.Where(m => (m.State == OutgoingMailState.Sent && m.QueuedAt < sentBefore) || (m.State == OutgoingMailState.Failed && m.QueuedAt < failedBefore));
        if (!await old.AnyAsync(cancellationToken))
        {
            return; // a read, so that looking for nothing does not take the write lock
        }

        await db.InTransactionAsync(() => SendTallies.DeleteAsync(db, old, cancellationToken), cancellationToken);
    }

    /// <summary>When the next message is due, for a sender deciding how long to sleep; null when nothing waits.</summary>
    public async Task<DateTime?> NextDueAsync(CancellationToken cancellationToken = default) =>
        await db.Outbox.Where(m => m.State == OutgoingMailState.Queued).OrderBy(m => m.NextAttemptAt)
            .Select(m => (DateTime?)m.NextAttemptAt).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Makes every waiting message due now (the server's settings were just changed, or an administrator asked).</summary>
    public Task<int> RetryNowAsync(CancellationToken cancellationToken = default) => WakingAsync(async () =>
    {
        var now = Now;
        return await db.Outbox.Where(m => m.State == OutgoingMailState.Queued && m.NextAttemptAt > now)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.NextAttemptAt, now).SetProperty(m => m.Version, m => m.Version + 1), cancellationToken);
    }, cancellationToken);

    /// <summary>Queues a failed message again, for as long as a new one of its kind would be tried.</summary>
    public Task<int> SendAgainAsync(long id, CancellationToken cancellationToken = default) => WakingAsync(async () =>
    {
        var now = Now;
        var kind = await db.Outbox.Where(m => m.Id == id && m.State == OutgoingMailState.Failed).Select(m => (MailKind?)m.Kind).SingleOrDefaultAsync(cancellationToken);
        if (kind is null)
        {
            return 0;
        }

        var expires = now + MailQueue.WorthTrying(kind.Value);
        return await db.Outbox.Where(m => m.Id == id && m.State == OutgoingMailState.Failed).ExecuteUpdateAsync(set => set
            .SetProperty(m => m.State, OutgoingMailState.Queued)
            .SetProperty(m => m.NextAttemptAt, now)
            .SetProperty(m => m.ExpiresAt, expires)
            .SetProperty(m => m.Version, m => m.Version + 1), cancellationToken);
    }, cancellationToken);

    /// <summary>The newest message of <paramref name="kind"/> to <paramref name="address"/>, and how it stands.</summary>
    public Task<OutboxEntry?> NewestAsync(MailKind kind, string address, CancellationToken cancellationToken = default) =>
        db.Outbox.AsNoTracking().Where(m => m.Kind == kind && m.ToAddress == address).OrderByDescending(m => m.Id)
            .Select(m => new OutboxEntry(m.Id, m.Kind, m.ToAddress, m.Subject, m.State, m.Attempts, m.QueuedAt, m.LastAttemptAt, m.NextAttemptAt, m.LastResult))
            .FirstOrDefaultAsync(cancellationToken);

    public static TimeSpan WaitAfter(int attempts, TimeSpan firstRetry)
    {
        var doublings = Math.Clamp(attempts - 1, 0, 20);
        var wait = firstRetry * Math.Pow(2, doublings);
        return wait < LongestWait ? wait : LongestWait;
    }

    /// <summary>Runs <paramref name="change"/> and, when it changed anything, wakes the senders on every node once it commits.</summary>
    private async Task<int> WakingAsync(Func<Task<int>> change, CancellationToken cancellationToken)
    {
        var changed = 0;
        await db.InTransactionAsync(async () =>
        {
            changed = await change();
            if (changed > 0)
            {
                db.Raise(new MailQueued());
            }
        }, cancellationToken);
        return changed;
    }

    private IQueryable<OutgoingMail> Due(DateTime now) =>
        db.Outbox.Where(m => (m.State == OutgoingMailState.Queued && m.NextAttemptAt <= now) || (m.State == OutgoingMailState.Sending && m.ClaimedUntil < now));

    private IQueryable<OutgoingMail> Claimed(long id, Guid claim) =>
        db.Outbox.Where(m => m.Id == id && m.ClaimToken == claim && m.State == OutgoingMailState.Sending);

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private static string Clip(string text) => text.Length <= OutgoingMail.MaxErrorLength ? text : text[..(OutgoingMail.MaxErrorLength - 1)] + "…";
}
