using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Mail;

/// <summary>How the outbox stands, for administrators.</summary>
/// <param name="Waiting">Queued or being sent.</param>
/// <param name="Retrying">Waiting after one or more temporary failures.</param>
/// <param name="SentLastDay">Sent in the last 24 hours.</param>
/// <param name="Failed">Refused for good, or given up, and still kept.</param>
public sealed record OutboxSummary(int Waiting, int Retrying, int SentLastDay, int Failed);

/// <summary>A message in the outbox as administrators see it: who, what, how it went; never its text, which may hold a link.</summary>
public sealed record OutboxEntry(
    long Id,
    MailKind Kind,
    string To,
    string Subject,
    OutgoingMailState State,
    int Attempts,
    DateTime QueuedAt,
    DateTime? LastAttemptAt,
    DateTime NextAttemptAt,
    string? LastResult);

public sealed class OutboxQueries(MastheadDb db, TimeProvider time)
{
    public async Task<OutboxSummary> SummaryAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        Demand(actor);
        var dayAgo = time.GetUtcNow().UtcDateTime.AddDays(-1);
        var counts = await db.Outbox.GroupBy(m => 1).Select(g => new
        {
            Waiting = g.Count(m => m.State == OutgoingMailState.Queued || m.State == OutgoingMailState.Sending),
            Retrying = g.Count(m => m.State == OutgoingMailState.Queued && m.Attempts > 0),
            Sent = g.Count(m => m.State == OutgoingMailState.Sent && m.SentAt > dayAgo),
            Failed = g.Count(m => m.State == OutgoingMailState.Failed),
        }).SingleOrDefaultAsync(cancellationToken);
        return counts is null ? new OutboxSummary(0, 0, 0, 0) : new OutboxSummary(counts.Waiting, counts.Retrying, counts.Sent, counts.Failed);
    }

    /// <summary>Messages that failed for good or are being retried, newest first.</summary>
    public Task<List<OutboxEntry>> ProblemsAsync(Actor actor, int take = 50, CancellationToken cancellationToken = default)
    {
        Demand(actor);
        return Entries(db.Outbox.Where(m => m.State == OutgoingMailState.Failed || (m.State == OutgoingMailState.Queued && m.Attempts > 0)), take, cancellationToken);
    }

    /// <summary>The latest messages whatever became of them, newest first.</summary>
    public Task<List<OutboxEntry>> RecentAsync(Actor actor, int take = 20, CancellationToken cancellationToken = default)
    {
        Demand(actor);
        return Entries(db.Outbox, take, cancellationToken);
    }

    private static Task<List<OutboxEntry>> Entries(IQueryable<OutgoingMail> mail, int take, CancellationToken cancellationToken) =>
        mail.OrderByDescending(m => m.QueuedAt).ThenByDescending(m => m.Id).Take(take)
            .Select(m => new OutboxEntry(m.Id, m.Kind, m.ToAddress, m.Subject, m.State, m.Attempts, m.QueuedAt, m.LastAttemptAt, m.NextAttemptAt, m.LastResult))
            .ToListAsync(cancellationToken);

    private static void Demand(Actor actor) => Permissions.Demand(Permissions.CanAdminister(actor), "see the outbox");
}
