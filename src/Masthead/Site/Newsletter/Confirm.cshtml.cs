using Masthead.Caching;
using Masthead.Core.Newsletters;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Site.Newsletter;

/// <summary>
/// The link in the confirmation email. Opening it changes nothing (mail scanners open links); its button confirms.
/// An old, used or broken link gets a page that says so and what to do.
/// </summary>
[UncachedPage]
public sealed class ConfirmPage(SubscriberService subscribers) : SubscriberPage
{
    public ConfirmState State { get; private set; }
    public string? ManagePath { get; private set; }

    public async Task OnGetAsync(string token, CancellationToken cancellationToken)
    {
        Describe("Confirm your subscription");
        State = await subscribers.CheckConfirmationAsync(token, cancellationToken);
        Response.StatusCode = State == ConfirmState.Invalid ? StatusCodes.Status404NotFound : StatusCodes.Status200OK;
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        Describe("Confirm your subscription");
        (State, ManagePath) = await subscribers.ConfirmAsync(token, HttpContext.Connection.RemoteIpAddress, cancellationToken);
        Response.StatusCode = State == ConfirmState.Invalid ? StatusCodes.Status404NotFound : StatusCodes.Status200OK;
        return Page();
    }
}
