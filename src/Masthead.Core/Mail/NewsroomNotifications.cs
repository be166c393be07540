using Masthead.Core.Articles;
using Masthead.Core.Contact;
using Masthead.Core.Corrections;
using Masthead.Core.People;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Mail;

/// <summary>
/// The newsroom's notifications, each queued by the service that makes the change, in its transaction: an article
/// submitted for review, sent back, scheduled, published or held back, a reader's message, a note on an article. Each
/// goes to the people it concerns who have an account and have not switched it off, never to whoever made the change,
/// and never for what the system does on its own (the demo, imports), except the scheduler's publishing.
/// </summary>
public sealed class NewsroomNotifications(MastheadDb db, MailQueue mail)
{
    public async Task SubmittedAsync(Article article, Actor actor, CancellationToken cancellationToken)
    {
        if (actor.StaffId is null)
        {
            return;
        }

        var context = await mail.ContextAsync(cancellationToken);
        foreach (var to in await RecipientsAsync(Notification.ReviewRequested, EditorIds(), actor.StaffId, cancellationToken))
        {
            mail.Add(MailKind.SubmittedForReview, to, new MailBody(to.Name)
                .Paragraph($"{actor.Name} submitted “{article.Headline}” for review.")
                .Link("Review it in the newsroom", context.Url(EditPath(article)))
                .Build($"For review: {article.Headline}", context.Name, "You get this email because you review articles.", Preferences(context, to)));
        }
    }

    public async Task SentBackAsync(Article article, Actor actor, string note, CancellationToken cancellationToken)
    {
        var context = await mail.ContextAsync(cancellationToken);
        foreach (var to in await RecipientsAsync(Notification.SentBack, WriterIds(article), actor.StaffId, cancellationToken))
        {
            mail.Add(MailKind.SentBack, to, new MailBody(to.Name)
                .Paragraph($"{actor.Name} sent “{article.Headline}” back to you with this note:")
                .Quote(note)
                .Paragraph("Make the changes, then submit it for review again.")
                .Link("Open the article", context.Url(EditPath(article)))
                .Build($"Sent back: {article.Headline}", context.Name, "You get this email because you write this article.", Preferences(context, to)));
        }
    }

    /// <param name="approved">The article was in review: scheduling it is the editor's approval.</param>
    public async Task ScheduledAsync(Article article, Actor actor, DateTime at, bool approved, CancellationToken cancellationToken)
    {
        if (actor.StaffId is null)
        {
            return;
        }

        var context = await mail.ContextAsync(cancellationToken);
        var when = context.Publication.Clock.FormatDateTime(at);
        foreach (var to in await RecipientsAsync(Notification.ScheduledOrPublished, WriterIds(article), actor.StaffId, cancellationToken))
        {
            var what = approved ? $"approved “{article.Headline}” and scheduled it" : $"scheduled “{article.Headline}”";
            mail.Add(MailKind.Scheduled, to, new MailBody(to.Name)
                .Paragraph($"{actor.Name} {what} to be published on {when}.")
                .Link("Open the article", context.Url(EditPath(article)))
                .Build($"Scheduled: {article.Headline}", context.Name, "You get this email because you write this article.", Preferences(context, to)));
        }
    }

    /// <param name="actor">Who published it; <see cref="Actor.System"/> for the scheduler.</param>
    /// <param name="onSchedule">The scheduler published it at its time; otherwise a system actor means an import or the demo, which tell nobody.</param>
    /// <param name="approved">The article was in review: publishing it is the editor's approval.</param>
    public async Task PublishedAsync(Article article, Actor actor, bool onSchedule, CancellationToken cancellationToken, bool approved = false)
    {
        if (actor.StaffId is null && !onSchedule)
        {
            return;
        }

        var context = await mail.ContextAsync(cancellationToken);
        var path = ArticleUrls.PathFor(article.UrlDate!.Value, article.Slug);
        foreach (var to in await RecipientsAsync(Notification.ScheduledOrPublished, WriterIds(article), actor.StaffId, cancellationToken))
        {
            mail.Add(MailKind.Published, to, new MailBody(to.Name)
                .Paragraph(onSchedule ? $"“{article.Headline}” was published on schedule."
                    : approved ? $"{actor.Name} approved “{article.Headline}” and published it." : $"{actor.Name} published “{article.Headline}”.")
                .Link("Read it on the site", context.Url(path))
                .Build($"Published: {article.Headline}", context.Name, "You get this email because you write this article.", Preferences(context, to)));
        }
    }

    /// <summary>The scheduler could not publish a due article (the rules refused it): its writers and the editors hear why.</summary>
    public async Task HeldBackAsync(Article article, DateTime dueAt, string reason, CancellationToken cancellationToken)
    {
        var context = await mail.ContextAsync(cancellationToken);
        var when = context.Publication.Clock.FormatDateTime(dueAt);
        var people = WriterIds(article).Union(await EditorIds().ToListAsync(cancellationToken)).ToList();
        foreach (var to in await RecipientsAsync(Notification.HeldBack, people, null, cancellationToken))
        {
            mail.Add(MailKind.HeldBack, to, new MailBody(to.Name)
                .Paragraph($"“{article.Headline}” was due to be published on {when}, but it was held back:")
                .Quote(reason)
                .Paragraph("It is in the review queue until someone fixes it and schedules or publishes it again.")
                .Link("Open the article", context.Url(EditPath(article)))
                .Build($"Not published: {article.Headline}", context.Name, "You get this email because you write or edit this article.", Preferences(context, to)));
        }
    }

    /// <summary>
    /// A reader's message, to the people who handle the inbox: their words as plain text, and a reply to the email
    /// goes to the reader (Reply-To), while the email itself still comes from the publication.
    /// </summary>
    public async Task InboxMessageAsync(ContactMessage message, CancellationToken cancellationToken)
    {
        var context = await mail.ContextAsync(cancellationToken);
        var reader = new MailRecipient(message.Email, message.Name);
        var name = MailQueue.OneLine(message.Name, int.MaxValue);
        var subject = MailQueue.OneLine(message.Subject, int.MaxValue);
        foreach (var to in await RecipientsAsync(Notification.InboxMessage, EditorIds(), null, cancellationToken))
        {
            mail.Add(MailKind.InboxMessage, to, new MailBody(to.Name)
                .Paragraph($"{name} ({message.Email}) wrote to {context.Name} about “{subject}”:")
                .Quote(message.Body)
                .Paragraph($"Reply to this email to answer them: your reply goes to {message.Email}.")
                .Link("Open it in the inbox", context.Url($"/newsroom/inbox/{message.Id}"))
                .Build($"Reader message: {subject}", context.Name, "You get this email because you handle the inbox.", Preferences(context, to)),
                replyTo: reader);
        }
    }

    public async Task NoteAddedAsync(Article article, ArticleNote note, Actor actor, CancellationToken cancellationToken)
    {
        if (actor.StaffId is null)
        {
            return;
        }

        var context = await mail.ContextAsync(cancellationToken);
        var kind = note.Kind.ToString().ToLowerInvariant();
        var path = ArticleUrls.PathFor(article.UrlDate!.Value, article.Slug);
        foreach (var to in await RecipientsAsync(Notification.NoteAdded, WriterIds(article), actor.StaffId, cancellationToken))
        {
            mail.Add(MailKind.NoteAdded, to, new MailBody(to.Name)
                .Paragraph($"{actor.Name} added {(kind == "update" ? "an" : "a")} {kind} to “{article.Headline}”:")
                .Quote(note.Text)
                .Link("Read it on the site", context.Url(path))
                .Build($"{note.Kind} added: {article.Headline}", context.Name, "You get this email because you write this article.", Preferences(context, to)));
        }
    }

    /// <summary>
    /// Active staff among <paramref name="people"/> with a working account (their password chosen) who have not
    /// switched <paramref name="notification"/> off, leaving out <paramref name="except"/>: whoever made the change.
    /// </summary>
    private Task<List<MailRecipient>> RecipientsAsync(Notification notification, IEnumerable<int> people, int? except, CancellationToken cancellationToken) =>
        RecipientsAsync(notification, db.Staff.Where(s => people.Contains(s.Id)), except, cancellationToken);

    private Task<List<MailRecipient>> RecipientsAsync(Notification notification, IQueryable<int> people, int? except, CancellationToken cancellationToken) =>
        RecipientsAsync(notification, db.Staff.Where(s => people.Contains(s.Id)), except, cancellationToken);

    private Task<List<MailRecipient>> RecipientsAsync(Notification notification, IQueryable<StaffMember> people, int? except, CancellationToken cancellationToken) =>
        people.Where(s => s.IsActive && (except == null || s.Id != except)
                && !db.NotificationOptOuts.Any(o => o.StaffMemberId == s.Id && o.Notification == notification))
            .Join(db.Users.Where(a => a.Email != null && a.PasswordHash != null), s => s.Id, a => a.StaffMemberId,
                (s, a) => new MailRecipient(a.Email!, s.Name, s.Id))
            .ToListAsync(cancellationToken);

    /// <summary>Who reviews articles and handles the inbox.</summary>
    private IQueryable<int> EditorIds() =>
        db.Staff.Where(s => s.Role == NewsroomRole.Editor || s.Role == NewsroomRole.Administrator).Select(s => s.Id);

    /// <summary>Whose the article is, as the permission rules say: its bylines and whoever created it.</summary>
    private static List<int> WriterIds(Article article) =>
        [.. article.Authors.Select(a => a.StaffMemberId).Append(article.CreatedById ?? 0).Where(id => id != 0).Distinct()];

    private static string EditPath(Article article) => $"/newsroom/articles/{article.Id}";

    private static string? Preferences(MailContext context, MailRecipient to) =>
        to.StaffMemberId is { } id ? context.Url($"/newsroom/staff/{id}#notifications") : null;
}
