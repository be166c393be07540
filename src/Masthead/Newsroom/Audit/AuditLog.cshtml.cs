using System.Globalization;
using Masthead.Core.Audit;
using Masthead.Core.People;
using Masthead.Core.Publishing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace Masthead.Newsroom.Audit;

/// <summary>
/// Who did what and when: publishing, saves, corrections, the live desk, staff and settings. Narrowed by person,
/// action and a range of days in the publication's time zone, fifty entries a page, newest first.
/// </summary>
public sealed class AuditLogPage(AuditQueries audit, StaffAccountService staff) : NewsroomPage
{
    public const int PageSize = 50;

    [FromQuery(Name = "actor")]
    public int? ActorId { get; set; }

    [FromQuery(Name = "action")]
    public string? ActionName { get; set; }

    /// <summary>The first day shown, as YYYY-MM-DD.</summary>
    [FromQuery(Name = "from")]
    public string? From { get; set; }

    /// <summary>The last day shown, as YYYY-MM-DD.</summary>
    [FromQuery(Name = "to")]
    public string? To { get; set; }

    [FromQuery(Name = "before")]
    public long? Before { get; set; }

    [FromQuery(Name = "after")]
    public long? After { get; set; }

    public AuditPage Entries { get; private set; } = new([], null, null);
    public IReadOnlyList<StaffAccountView> People { get; private set; } = [];

    /// <summary>Why the filter could not be applied, shown above it.</summary>
    public string? Problem { get; private set; }

    public bool IsFiltered => ActorId is not null || !string.IsNullOrEmpty(ActionName) || !string.IsNullOrEmpty(From) || !string.IsNullOrEmpty(To);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Permissions.Demand(Permissions.CanAdminister(Actor), "read the audit log");
        People = await staff.ListAsync(Actor, cancellationToken);
        if (!ModelState.IsValid)
        {
            return Refuse("The address of this page is not one the audit log makes; choose the filter again.");
        }

        var from = Day(From);
        var to = Day(To);
        if (from is null && !string.IsNullOrEmpty(From) || to is null && !string.IsNullOrEmpty(To))
        {
            return Refuse("Give the days as YYYY-MM-DD, such as 2026-02-03.");
        }

        if (from > to)
        {
            return Refuse("The first day comes after the last; swap them.");
        }

        var clock = Publication.Clock;
        var filter = new AuditFilter(ActorId, string.IsNullOrEmpty(ActionName) ? null : ActionName,
            from is { } first ? clock.StartOfDayUtc(first) : null,
            to is { } last ? clock.StartOfDayUtc(last.AddDays(1)) : null);
        Entries = await audit.ListAsync(Actor, filter, new AuditCursor(Before, After), PageSize, cancellationToken);
        return Page();
    }

    /// <summary>This page with the same filter, starting at <paramref name="cursor"/>.</summary>
    public string Link(AuditCursor cursor) => QueryHelpers.AddQueryString("/newsroom/audit", FilterQuery()
        .Append(new("before", cursor.Before?.ToString(CultureInfo.InvariantCulture)))
        .Append(new("after", cursor.After?.ToString(CultureInfo.InvariantCulture)))
        .Where(pair => !string.IsNullOrEmpty(pair.Value)));

    /// <summary>The whole log of one person, from a name in the list.</summary>
    public static string PersonLink(int actorId) => $"/newsroom/audit?actor={actorId.ToString(CultureInfo.InvariantCulture)}";

    private IEnumerable<KeyValuePair<string, string?>> FilterQuery() =>
    [
        new("actor", ActorId?.ToString(CultureInfo.InvariantCulture)),
        new("action", ActionName),
        new("from", From),
        new("to", To),
    ];

    private IActionResult Refuse(string problem)
    {
        Problem = problem;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private static DateOnly? Day(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
}
