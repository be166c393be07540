using Masthead.Caching;
using Masthead.Core.Newsletters;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Site.Newsletter;

/// <summary>
/// The unsubscribe link in every newsletter email, and its one-click form (RFC 8058): a mail program's Unsubscribe
/// button POSTs "List-Unsubscribe=One-Click" to this very address, with no cookie and no token but the link's own, and
/// the reader is off the list at once. A person opening the link gets a button (opening it alone changes nothing).
/// </summary>
[IgnoreAntiforgeryToken]
[RequestFormLimits(ValueLengthLimit = 1024, ValueCountLimit = 4)]
[UncachedPage]
public sealed class UnsubscribePage(SubscriberService subscribers) : SubscriberPage
{
    public UnsubscribeLink? Link { get; private set; }
    public bool Done { get; private set; }

    public async Task OnGetAsync(string token, CancellationToken cancellationToken)
    {
        Describe("Unsubscribe");
        Link = await subscribers.CheckUnsubscribeAsync(token, cancellationToken);
        Response.StatusCode = Link is null ? StatusCodes.Status404NotFound : StatusCodes.Status200OK;
    }

    public async Task OnPostAsync(string token, CancellationToken cancellationToken)
    {
        Describe("Unsubscribe");
        var oneClick = Request.HasFormContentType && Request.Form["List-Unsubscribe"] == "One-Click";
        Link = await subscribers.UnsubscribeAsync(token, oneClick ? "the one-click unsubscribe of their mail program" : "the unsubscribe link in an email",
            HttpContext.Connection.RemoteIpAddress, cancellationToken);
        Done = Link is not null;
        Response.StatusCode = Link is null ? StatusCodes.Status404NotFound : StatusCodes.Status200OK;
    }
}
