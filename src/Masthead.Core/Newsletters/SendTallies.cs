using Masthead.Core.Mail;
using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Newsletters;

/// <summary>
/// A send's history counts its delivered and failed messages in the outbox, which is not an archive: whatever deletes
/// outbox rows goes through here, so those of a newsletter send are first added to the send's own tallies and the
/// history stays whole after the rows are gone.
/// </summary>
internal static class SendTallies
{
    /// <summary>Deletes <paramref name="rows"/>, keeping the counts of newsletter messages among them; call it in a transaction.</summary>
    public static async Task<int> DeleteAsync(MastheadDb db, IQueryable<OutgoingMail> rows, CancellationToken cancellationToken)
    {
        var tallies = await rows.Where(m => m.NewsletterSendId != null && (m.State == OutgoingMailState.Sent || m.State == OutgoingMailState.Failed))
            .GroupBy(m => new { m.NewsletterSendId, m.State }).Select(g => new { g.Key.NewsletterSendId, g.Key.State, Count = g.Count() })
            .ToListAsync(cancellationToken);
        foreach (var tally in tallies)
        {
            var sent = tally.State == OutgoingMailState.Sent ? tally.Count : 0;
            var failed = tally.State == OutgoingMailState.Failed ? tally.Count : 0;
            await db.NewsletterSends.Where(s => s.Id == tally.NewsletterSendId).ExecuteUpdateAsync(set => set
                .SetProperty(s => s.DeliveredForgotten, s => s.DeliveredForgotten + sent)
                .SetProperty(s => s.FailedForgotten, s => s.FailedForgotten + failed), cancellationToken);
        }

        return await rows.ExecuteDeleteAsync(cancellationToken);
    }
}
