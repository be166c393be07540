using Masthead.Core.Contact;
using Masthead.Core.Publishing;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Newsroom.Inbox;

/// <summary>One reader's message, shown as plain text, with the steps an editor takes on it.</summary>
public sealed class InboxMessagePage(ContactService contact) : NewsroomPage
{
    public ContactMessageView Message { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        Message = await contact.GetAsync(Actor, id, cancellationToken) ?? throw new NotFoundException($"There is no message {id}.");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, ContactMessageStatus status, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return BadRequest();
        }

        var message = await contact.GetAsync(Actor, id, cancellationToken) ?? throw new NotFoundException($"There is no message {id}.");
        await contact.SetStatusAsync(Actor, id, status, cancellationToken);
        Flash = status switch
        {
            ContactMessageStatus.Handled => $"“{message.Subject}” is marked handled.",
            ContactMessageStatus.Archived => $"“{message.Subject}” is archived.",
            _ => $"“{message.Subject}” is back with the new messages.",
        };
        return Redirect(InboxPage.PathFor(message.Status));
    }

    /// <summary>A mailto link that opens a reply to the reader with the subject filled in.</summary>
    public string ReplyLink => "mailto:" + Uri.EscapeDataString(Message.Email).Replace("%40", "@", StringComparison.Ordinal)
        + "?subject=" + Uri.EscapeDataString("Re: " + Message.Subject);
}
