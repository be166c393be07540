using System.Globalization;
using Masthead.Core.Articles;
using Masthead.Core.Contact;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Newsroom.Inbox;

/// <summary>Readers' messages by status, newest first; editors and administrators work through them.</summary>
public sealed class InboxPage(ContactService contact) : NewsroomPage
{
    public const int PageSize = 25;

    public ContactMessageStatus Status { get; private set; }
    public Page<ContactMessageView> Messages { get; private set; } = null!;
    public IReadOnlyDictionary<ContactMessageStatus, int> Counts { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string? status, [FromQuery(Name = "page")] int pageNumber = 1, CancellationToken cancellationToken = default)
    {
        if (!TryParseStatus(status, out var shown) || pageNumber < 1)
        {
            return NotFound();
        }

        Status = shown;
        Messages = await contact.ListAsync(Actor, shown, pageNumber, PageSize, cancellationToken);
        var counts = new Dictionary<ContactMessageStatus, int>();
        foreach (var other in Enum.GetValues<ContactMessageStatus>())
        {
            counts[other] = other == shown ? Messages.TotalCount : (await contact.ListAsync(Actor, other, 1, 1, cancellationToken)).TotalCount;
        }

        Counts = counts;
        return Page();
    }

    public static string PathFor(ContactMessageStatus status, int page = 1)
    {
        var path = status == ContactMessageStatus.New ? "/newsroom/inbox" : $"/newsroom/inbox?status={status.ToString().ToLowerInvariant()}";
        return page <= 1 ? path : path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "page=" + page.ToString(CultureInfo.InvariantCulture);
    }

    private static bool TryParseStatus(string? value, out ContactMessageStatus status)
    {
        status = ContactMessageStatus.New;
        return string.IsNullOrEmpty(value) || (Enum.TryParse(value, ignoreCase: true, out status) && Enum.IsDefined(status) && !int.TryParse(value, out _));
    }
}
