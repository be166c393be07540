using Masthead.Core.Events;
using Masthead.Core.Publication;
using Masthead.Core.Storage;

namespace Masthead.Core.Mail;

/// <summary>Who a message goes to: an address, the name to greet and show, and the staff member, when it is one.</summary>
public sealed record MailRecipient(string Address, string Name, int? StaffMemberId = null);

/// <summary>Where links in messages point: the publication's public address, which Core cannot know by itself.</summary>
public interface IPublicBaseUrl
{
    /// <summary>The address readers and staff reach the site at, without a trailing slash.</summary>
    string For(PublicationInfo publication);
}

/// <summary>What every message needs to know about the publication: its name, and where its links lead.</summary>
public sealed record MailContext(PublicationInfo Publication, string BaseUrl)
{
    public string Name => Publication.Name;

    /// <summary>"the Daily Bugle newsroom", or "The Larkmoor Lantern newsroom" when the name has its own article.</summary>
    public string Newsroom => Name.StartsWith("The ", StringComparison.OrdinalIgnoreCase) ? $"{Name} newsroom" : $"the {Name} newsroom";

    public string Url(string path) => BaseUrl + path;
}

/// <summary>
/// Puts messages in the outbox as part of the caller's unit of work: they are stored when the change that causes them
/// commits, and never when it does not. Nothing here waits on a mail server; after the commit the sender is woken on
/// every node (<see cref="MailQueued"/>) and one of them delivers each message.
/// </summary>
public sealed class MailQueue(MastheadDb db, PublicationService publication, IPublicBaseUrl baseUrl, TimeProvider time)
{
    public async Task<MailContext> ContextAsync(CancellationToken cancellationToken)
    {
        var info = await publication.GetAsync(cancellationToken);
        return new MailContext(info, baseUrl.For(info).TrimEnd('/'));
    }

    /// <summary>Adds a message to the unit of work; the caller's save stores it.</summary>
    public void Add(MailKind kind, MailRecipient to, MailContent content, MailRecipient? replyTo = null) =>
        db.Outbox.Add(Create(kind, to, content, replyTo));

    /// <summary>
    /// A message ready to add: for a newsletter, which adds thousands at once, not before <paramref name="notBefore"/>,
    /// and with the reader's one-click unsubscribe address.
    /// </summary>
    public OutgoingMail Create(MailKind kind, MailRecipient to, MailContent content, MailRecipient? replyTo = null, DateTime? notBefore = null,
        string? listUnsubscribeUrl = null, int? newsletterSendId = null)
    {
        var now = time.GetUtcNow().UtcDateTime;
        db.Raise(new MailQueued());
        return new OutgoingMail
        {
            Kind = kind,
            StaffMemberId = to.StaffMemberId,
            ToAddress = to.Address.Trim(),
            ToName = OneLine(to.Name, OutgoingMail.MaxNameLength),
            ReplyToAddress = replyTo?.Address.Trim(),
            ReplyToName = replyTo is null ? null : OneLine(replyTo.Name, OutgoingMail.MaxNameLength),
            Subject = OneLine(content.Subject, OutgoingMail.MaxSubjectLength),
            TextBody = content.Text,
            HtmlBody = content.Html,
            QueuedAt = now,
            NextAttemptAt = notBefore is { } later && later > now ? later : now,
            ExpiresAt = (notBefore is { } start && start > now ? start : now) + WorthTrying(kind),
            State = OutgoingMailState.Queued,
            ListUnsubscribeUrl = listUnsubscribeUrl,
            NewsletterSendId = newsletterSendId,
        };
    }

    /// <summary>
    /// How long a message is worth trying to send: a link for as long as it works, a notification for a few days; after
    /// that the sender gives it up and administrators see why.
    /// </summary>
    public static TimeSpan WorthTrying(MailKind kind) => kind switch
    {
        MailKind.PasswordReset or MailKind.Test => TimeSpan.FromHours(1),
        MailKind.EmailChangeConfirmation => TimeSpan.FromDays(1),
        MailKind.Invitation or MailKind.SetPasswordLink => TimeSpan.FromDays(7),
        MailKind.Alert => TimeSpan.FromHours(6),
        MailKind.SubscriptionConfirmation => TimeSpan.FromDays(2),
        _ => TimeSpan.FromDays(3),
    };

    /// <summary>
    /// Text for a header (a subject, a name) on one line: line breaks and other control characters become spaces, so
    /// nothing typed into a name or a headline can start a header of its own.
    /// </summary>
    public static string OneLine(string? text, int maxLength)
    {
        var chars = (text ?? "").Select(c => char.IsControl(c) || c is '\u2028' or '\u2029' ? ' ' : c).ToArray();
        var line = string.Join(' ', new string(chars).Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= maxLength ? line : Text.Excerpts.Shorten(line, maxLength);
    }
}
