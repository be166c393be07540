using System.Net.Mail;
using Masthead.Core.Articles;
using Masthead.Core.Mail;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Contact;

public sealed record ContactInput(string? Name, string? Email, string? Subject, string? Message);

public sealed record ContactMessageView(int Id, string Name, string Email, string Subject, string Body, DateTime ReceivedAt, ContactMessageStatus Status, DateTime? HandledAt);

/// <summary>The "Let's talk" inbox: readers write in, editors read, handle and archive.</summary>
public sealed class ContactService(MastheadDb db, NewsroomNotifications notifications, TimeProvider time)
{
    /// <summary>
    /// Stores a reader's message, and in the same transaction the notifications to the people who handle the inbox;
    /// every problem with it is reported at once and nothing is stored.
    /// </summary>
    public async Task<int> ReceiveAsync(ContactInput input, CancellationToken cancellationToken = default)
    {
        var name = (input.Name ?? "").Trim();
        var email = (input.Email ?? "").Trim();
        var subject = (input.Subject ?? "").Trim();
        var body = (input.Message ?? "").Trim();
        var problems = new Dictionary<string, string>();
        Check(problems, "Name", name, ContactMessage.MaxNameLength, "your name");
        Check(problems, "Email", email, ContactMessage.MaxEmailLength, "your email address");
        Check(problems, "Subject", subject, ContactMessage.MaxSubjectLength, "a subject");
        Check(problems, "Message", body, ContactMessage.MaxBodyLength, "your message");
        if (!problems.ContainsKey("Email") && !(MailAddress.TryCreate(email, out var address) && address.Address == email && email.Contains('.', StringComparison.Ordinal)))
        {
            problems["Email"] = "That does not look like an email address; we need one to reply.";
        }

        if (problems.Count > 0)
        {
            throw new ValidationException(problems);
        }

        var message = new ContactMessage { Name = name, Email = email, Subject = subject, Body = body, ReceivedAt = time.GetUtcNow().UtcDateTime };
        await db.InTransactionAsync(async () =>
        {
            db.ContactMessages.Add(message);
            await db.SaveChangesAsync(cancellationToken); // its id is in the notification's link
            await notifications.InboxMessageAsync(message, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }, cancellationToken);
        return message.Id;
    }

    public async Task<Page<ContactMessageView>> ListAsync(Actor actor, ContactMessageStatus status, int pageNumber, int pageSize, CancellationToken cancellationToken = default)
    {
        Permissions.Demand(Permissions.CanWorkInbox(actor), "read the inbox");
        var query = db.ContactMessages.AsNoTracking().Where(m => m.Status == status);
        var total = await query.CountAsync(cancellationToken);
        var skip = (pageNumber - 1) * pageSize;
        var items = await Views(query.OrderByDescending(m => m.ReceivedAt).ThenByDescending(m => m.Id).Skip(skip).Take(pageSize))
            .ToListAsync(cancellationToken);
        return new Page<ContactMessageView>(items, pageNumber, pageSize, total);
    }

    public async Task<ContactMessageView?> GetAsync(Actor actor, int id, CancellationToken cancellationToken = default)
    {
        Permissions.Demand(Permissions.CanWorkInbox(actor), "read the inbox");
        return await Views(db.ContactMessages.AsNoTracking().Where(m => m.Id == id)).SingleOrDefaultAsync(cancellationToken);
    }

    public Task<int> CountNewAsync(CancellationToken cancellationToken = default) =>
        db.ContactMessages.CountAsync(m => m.Status == ContactMessageStatus.New, cancellationToken);

    public async Task SetStatusAsync(Actor actor, int id, ContactMessageStatus status, CancellationToken cancellationToken = default)
    {
        Permissions.Demand(Permissions.CanWorkInbox(actor), "work the inbox");
        var message = await db.ContactMessages.SingleOrDefaultAsync(m => m.Id == id, cancellationToken)
            ?? throw new NotFoundException($"There is no message {id}.");
        message.Status = status;
        message.HandledById = status == ContactMessageStatus.New ? null : actor.StaffId;
        message.HandledAt = status == ContactMessageStatus.New ? null : time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
    }

    private static void Check(Dictionary<string, string> problems, string field, string value, int max, string what)
    {
        if (value.Length == 0)
        {
            problems[field] = $"Please give {what}.";
        }
        else if (value.Length > max)
        {
            problems[field] = $"This is {value.Length:N0} characters long; the limit is {max:N0}.";
        }
    }

    private static IQueryable<ContactMessageView> Views(IQueryable<ContactMessage> messages) =>
        messages.Select(m => new ContactMessageView(m.Id, m.Name, m.Email, m.Subject, m.Body, m.ReceivedAt, m.Status, m.HandledAt));
}
