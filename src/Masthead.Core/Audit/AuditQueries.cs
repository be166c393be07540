using System.Reflection;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Audit;

public sealed record AuditView(long Id, DateTime At, int? ActorId, string ActorName, string Action, int? ArticleId, string Details);

/// <summary>Which entries of the log to show: each part that is set must match. <paramref name="Until"/> is exclusive.</summary>
public sealed record AuditFilter(int? ActorId = null, string? Action = null, DateTime? From = null, DateTime? Until = null)
{
    public static AuditFilter All { get; } = new();
}

/// <summary>Where a page of the log starts: just older than entry <paramref name="Before"/>, or just newer than entry <paramref name="After"/>.</summary>
public sealed record AuditCursor(long? Before = null, long? After = null);

/// <summary>
/// Entries newest first, and the cursors of the pages either side: <paramref name="Newer"/> to go back towards the
/// newest, <paramref name="Older"/> to go on; null where there is nothing more that way.
/// </summary>
public sealed record AuditPage(IReadOnlyList<AuditView> Items, AuditCursor? Newer, AuditCursor? Older);

/// <summary>
/// Reads the audit log a page at a time, newest first, narrowed by person, action and time. A page starts where the
/// one before ended (keyset paging on the time and id), so page 1,000 of a log of millions costs what page 1 does;
/// each filter has an index in that order (<see cref="AuditEntryConfiguration"/>).
/// </summary>
public sealed class AuditQueries(MastheadDb db)
{
    /// <summary>Every action the log records, in alphabetical order, for the filter's choices.</summary>
    public static IReadOnlyList<string> Actions { get; } = typeof(AuditActions)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(field => field.IsLiteral && field.FieldType == typeof(string))
        .Select(field => (string)field.GetRawConstantValue()!)
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <exception cref="NotFoundException">The cursor names an entry that does not exist.</exception>
    public async Task<AuditPage> ListAsync(Actor actor, AuditFilter filter, AuditCursor cursor, int pageSize, CancellationToken cancellationToken = default)
    {
        Permissions.Demand(Permissions.CanAdminister(actor), "read the audit log");
        var matching = Matching(filter);
        if (cursor.After is { } after)
        {
            var end = await PlaceOfAsync(after, cancellationToken);
            var newer = await Views(Newer(matching, end).OrderBy(e => e.At).ThenBy(e => e.Id).Take(pageSize + 1)).ToListAsync(cancellationToken);
            var items = newer.Take(pageSize).Reverse().ToList();
            var last = items.Count > 0 ? (items[^1].At, items[^1].Id) : end;
            return new AuditPage(items,
                newer.Count > pageSize ? new AuditCursor(After: items[0].Id) : null,
                await Older(matching, last).AnyAsync(cancellationToken) ? new AuditCursor(Before: last.Id) : null);
        }

        (DateTime At, long Id)? start = cursor.Before is { } before ? await PlaceOfAsync(before, cancellationToken) : null;
        var older = await Views((start is { } from ? Older(matching, from) : matching).OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(pageSize + 1))
            .ToListAsync(cancellationToken);
        var page = older.Take(pageSize).ToList();
        var first = page.Count > 0 ? (page[0].At, page[0].Id) : start;
        return new AuditPage(page,
            start is not null && first is { } top && await Newer(matching, top).AnyAsync(cancellationToken) ? new AuditCursor(After: top.Id) : null,
            older.Count > pageSize ? new AuditCursor(Before: page[^1].Id) : null);
    }

    private IQueryable<AuditEntry> Matching(AuditFilter filter)
    {
        var entries = db.AuditLog.AsNoTracking();
        if (filter.ActorId is { } actorId)
        {
            entries = entries.Where(e => e.ActorId == actorId);
        }

        if (!string.IsNullOrEmpty(filter.Action))
        {
            entries = entries.Where(e => e.Action == filter.Action);
        }

        if (filter.From is { } from)
        {
            entries = entries.Where(e => e.At >= from);
        }

        if (filter.Until is { } until)
        {
            entries = entries.Where(e => e.At < until);
        }

        return entries;
    }

    /// <summary>Where entry <paramref name="id"/> stands in the log's order.</summary>
    private async Task<(DateTime At, long Id)> PlaceOfAsync(long id, CancellationToken cancellationToken)
    {
        var at = await db.AuditLog.Where(e => e.Id == id).Select(e => (DateTime?)e.At).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"The audit log has no entry {id}.");
        return (at, id);
    }

    // The first condition is the index's range; the second only sorts out the few entries of the very same moment.
    private static IQueryable<AuditEntry> Older(IQueryable<AuditEntry> entries, (DateTime At, long Id) place) =>
        entries.Where(e => e.At <= place.At && (e.At < place.At || e.Id < place.Id));

    private static IQueryable<AuditEntry> Newer(IQueryable<AuditEntry> entries, (DateTime At, long Id) place) =>
        entries.Where(e => e.At >= place.At && (e.At > place.At || e.Id > place.Id));

    private static IQueryable<AuditView> Views(IQueryable<AuditEntry> entries) =>
        entries.Select(e => new AuditView(e.Id, e.At, e.ActorId, e.ActorName, e.Action, e.ArticleId, e.Details));
}
