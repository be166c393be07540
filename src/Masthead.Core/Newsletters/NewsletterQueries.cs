using Masthead.Core.Mail;
using Masthead.Core.Publication;
using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Newsletters;

public sealed record NewsletterRow(Newsletter Newsletter, int Subscribers);

/// <summary>One send as the history shows it: who sent what when, and how its messages stand now.</summary>
public sealed record SendRow(
    int Id, string Newsletter, string Subject, string SentBy, DateTime CreatedAt, NewsletterSendState State, int Queued, int Delivered, int Failed, int UnsubscribedAfter);

public sealed record SubscriberRow(int Id, string Email, string Name, DateTime CreatedAt, DateTime? ConfirmedAt, IReadOnlyList<string> Newsletters);

public sealed record GrowthPoint(DateOnly Day, int Total);

public sealed record SubscriberCounts(int Confirmed, int Pending, IReadOnlyList<NewsletterRow> PerNewsletter, IReadOnlyList<GrowthPoint> Growth);

/// <summary>What the newsroom's newsletter pages read: the lists and their readers, counts, growth, and the sending history.</summary>
public sealed class NewsletterQueries(MastheadDb db, PublicationService publication, TimeProvider time)
{
    public const int HistoryCount = 50;
    public const int GrowthDays = 30;

    public async Task<List<NewsletterRow>> NewslettersAsync(CancellationToken cancellationToken = default)
    {
        var newsletters = await db.Newsletters.AsNoTracking().OrderBy(n => n.Position).ThenBy(n => n.Id).ToListAsync(cancellationToken);
        var counts = await db.Subscriptions.Where(s => s.UnsubscribedAt == null)
            .Join(db.Subscribers.Where(r => r.ConfirmedAt != null), s => s.SubscriberId, r => r.Id, (s, r) => s.NewsletterId)
            .GroupBy(id => id).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return newsletters.ConvertAll(n => new NewsletterRow(n, counts.GetValueOrDefault(n.Id)));
    }

    public Task<Newsletter?> NewsletterAsync(int id, CancellationToken cancellationToken = default) =>
        db.Newsletters.AsNoTracking().SingleOrDefaultAsync(n => n.Id == id, cancellationToken);

    public async Task<List<SendRow>> HistoryAsync(int? newsletterId = null, CancellationToken cancellationToken = default)
    {
        var sends = await db.NewsletterSends.AsNoTracking().Where(s => newsletterId == null || s.NewsletterId == newsletterId)
            .OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id).Take(HistoryCount)
            .Select(s => new
            {
                s.Id,
                Newsletter = s.Newsletter!.Name,
                s.NewsletterId,
                s.Subject,
                s.SentByName,
                s.CreatedAt,
                s.State,
                s.QueuedCount,
                s.DeliveredForgotten,
                s.FailedForgotten,
            })
            .ToListAsync(cancellationToken);
        var ids = sends.ConvertAll(s => (int?)s.Id);
        var states = await db.Outbox.Where(m => ids.Contains(m.NewsletterSendId)).GroupBy(m => new { m.NewsletterSendId, m.State })
            .Select(g => new { g.Key.NewsletterSendId, g.Key.State, Count = g.Count() }).ToListAsync(cancellationToken);
        var left = await db.SendDeliveries.Where(d => ids.Contains(d.SendId))
            .Join(db.NewsletterSends, d => d.SendId, s => s.Id, (d, s) => new { d.SendId, d.SubscriberId, s.NewsletterId, s.CreatedAt })
            .Where(d => db.Subscriptions.Any(s => s.SubscriberId == d.SubscriberId && s.NewsletterId == d.NewsletterId && s.UnsubscribedAt > d.CreatedAt))
            .GroupBy(d => d.SendId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        int Count(int id, OutgoingMailState state) => states.Where(s => s.NewsletterSendId == id && s.State == state).Sum(s => s.Count);
        return sends.ConvertAll(s => new SendRow(s.Id, s.Newsletter, s.Subject, s.SentByName, s.CreatedAt, s.State, s.QueuedCount,
            s.DeliveredForgotten + Count(s.Id, OutgoingMailState.Sent), s.FailedForgotten + Count(s.Id, OutgoingMailState.Failed), left.GetValueOrDefault(s.Id)));
    }

    public async Task<SubscriberCounts> CountsAsync(CancellationToken cancellationToken = default)
    {
        var clock = (await publication.GetAsync(cancellationToken)).Clock;
        var today = clock.LocalDate(time.GetUtcNow().UtcDateTime);
        var first = today.AddDays(-(GrowthDays - 1));
        var since = clock.StartOfDayUtc(first);
        var confirmed = await db.Subscribers.CountAsync(s => s.ConfirmedAt != null, cancellationToken);
        var pending = await db.Subscribers.CountAsync(s => s.ConfirmedAt == null, cancellationToken);
        var recent = await db.Subscribers.Where(s => s.ConfirmedAt >= since).Select(s => s.ConfirmedAt!.Value).ToListAsync(cancellationToken);
        var perDay = recent.GroupBy(clock.LocalDate).ToDictionary(g => g.Key, g => g.Count());
        var total = confirmed - recent.Count;
        var growth = new List<GrowthPoint>(GrowthDays);
        for (var day = first; day <= today; day = day.AddDays(1))
        {
            total += perDay.GetValueOrDefault(day);
            growth.Add(new GrowthPoint(day, total));
        }

        return new SubscriberCounts(confirmed, pending, await NewslettersAsync(cancellationToken), growth);
    }

    /// <summary>Subscribers whose address or name holds <paramref name="search"/>, newest first, a page at a time.</summary>
    public async Task<(List<SubscriberRow> Rows, int Total)> SubscribersAsync(string? search, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        var query = db.Subscribers.AsNoTracking();
        var term = (search ?? "").Trim().ToLowerInvariant();
        if (term.Length > 0)
        {
            query = query.Where(s => s.NormalizedEmail.Contains(term) || s.Name.ToLower().Contains(term));
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(s => s.Id).Skip((Math.Max(1, page) - 1) * pageSize).Take(pageSize)
            .Select(s => new { s.Id, s.Email, s.Name, s.CreatedAt, s.ConfirmedAt }).ToListAsync(cancellationToken);
        var ids = rows.ConvertAll(r => r.Id);
        var lists = (await db.Subscriptions.Where(s => ids.Contains(s.SubscriberId) && s.UnsubscribedAt == null)
            .Join(db.Newsletters, s => s.NewsletterId, n => n.Id, (s, n) => new { s.SubscriberId, n.Name, n.Position }).ToListAsync(cancellationToken))
            .OrderBy(s => s.Position).ToLookup(s => s.SubscriberId, s => s.Name);
        return (rows.ConvertAll(r => new SubscriberRow(r.Id, r.Email, r.Name, r.CreatedAt, r.ConfirmedAt, [.. lists[r.Id]])), total);
    }
}
