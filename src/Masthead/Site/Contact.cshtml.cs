using Masthead.Core.Contact;
using Masthead.Newsroom;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.RateLimiting;

namespace Masthead.Site;

/// <summary>"Let's talk": the editors' address and a form whose messages land in the newsroom inbox.</summary>
[EnableRateLimiting(NewsroomSetup.ContactLimit)]
public sealed class ContactPage(ContactService contact, ILogger<ContactPage> logger) : SitePage
{
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

        try
        {
            await contact.ReceiveAsync(new ContactInput(Name, Email, Subject, Message), cancellationToken);
        }
        catch (Core.ValidationException problems)
        {
            foreach (var (field, message) in problems.Problems)
            {
                ModelState.AddModelError(field, message);
            }

            return Page();
        }

        return Redirect("/contact?sent=1");
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

        CurrentNav = "contact";
        Meta.Title = TitleFor("Contact");
        Meta.Description = $"How to reach the editors of {Publication.Name} with a tip, a question or a correction.";
        Meta.CanonicalUrl = Absolute("/contact");
    }
}
