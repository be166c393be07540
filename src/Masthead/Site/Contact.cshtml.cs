using System.Globalization;
using Masthead.Core.Contact;
using Masthead.Site.Errors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;

namespace Masthead.Site;

/// <summary>"Let's talk": the editors' address and a form whose messages land in the newsroom inbox.</summary>
/// <remarks>
/// A form at its longest is under 100 KB, even a 10,000-character message in a script whose every character is
/// percent-encoded; a far larger post is answered 413 as soon as one field passes the limit. The limits are on the
/// form, not the request body: Kestrel then reads and drops the rest of the body, so the sender gets the answer
/// instead of a connection reset halfway through its upload. At most <see cref="MaxFields"/> fields of
/// <see cref="MaxPostBytes"/> each are ever held in memory.
/// </remarks>
[RequestFormLimits(ValueLengthLimit = MaxPostBytes, ValueCountLimit = MaxFields)]
[RefuseOversizeForm(MaxCharacters = ContactMessage.MaxBodyLength)]
public sealed class ContactPage(ContactService contact, ContactRateLimit rateLimit, ILogger<ContactPage> logger) : SitePage
{
    private const int MaxPostBytes = 256 * 1024;
    private const int MaxFields = 16;

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Subject { get; set; }

    [BindProperty]
    public string? Message { get; set; }

    /// <summary>The honeypot: hidden from people, so anything in it was typed by a script.</summary>
    [BindProperty]
    public string? Website { get; set; }

    /// <summary>Set on the page the form redirects to after a message is stored.</summary>
    public bool Sent => Request.Query["sent"] == "1";

    /// <summary>Why a well-formed message was not sent: its client has sent as many as it may this hour.</summary>
    public string? TooManyMessages { get; private set; }

    public IActionResult OnGet()
    {
        Describe();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Describe();
        if (!string.IsNullOrEmpty(Website))
        {
            // Answer a script exactly as a person is answered, so it learns nothing from the refusal.
            logger.LogInformation("A contact message with the honeypot filled was dropped");
            return Redirect("/contact?sent=1");
        }

        var client = HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (!rateLimit.TryTake(client, out var place, out var retryAfter))
        {
            return TooMany(retryAfter);
        }

        try
        {
            await contact.ReceiveAsync(new ContactInput(Name, Email, Subject, Message), cancellationToken);
        }
        catch (Exception failure)
        {
            rateLimit.GiveBack(client, place);
            if (failure is not Core.ValidationException problems)
            {
                throw;
            }

            foreach (var (field, message) in problems.Problems)
            {
                ModelState.AddModelError(field, message);
            }

            return Page();
        }

        return Redirect("/contact?sent=1");
    }

    private IActionResult TooMany(TimeSpan retryAfter)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalMinutes));
        Response.StatusCode = StatusCodes.Status429TooManyRequests;
        Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        TooManyMessages = string.Create(CultureInfo.InvariantCulture,
            $"Too many messages have come from your connection in the last hour, so this one was not sent. Please try again in {minutes} " +
                $"{(minutes == 1 ? "minute" : "minutes")}; everything you typed is still here.");
        return Page();
    }

    /// <summary>"true" for a field the last post got wrong, for aria-invalid.</summary>
    public string? Invalid(string field) => ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0 ? "true" : null;

    private void Describe()
    {
        // The form carries an antiforgery token bound to this visitor's cookie: never serve it to anyone else.
        if (HttpContext.Features.Get<IOutputCacheFeature>() is { } cache)
        {
            cache.Context.AllowCacheStorage = false;
        }

        CurrentNav = "/contact";
        Meta.Title = TitleFor("Contact");
        Meta.Description = $"How to reach the editors of {Publication.Name} with a tip, a question or a correction.";
        Meta.CanonicalUrl = Absolute("/contact");
        Meta.Stylesheets.Add("/css/contact.css");
    }
}
