using System.Globalization;
using Masthead.Core.Articles;
using Masthead.Core.Mail;
using Masthead.Core.Storage;
using Masthead.Core.Text;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Newsletters;

/// <summary>
/// Puts a send in the outbox, one batch of readers per transaction: the batch is claimed by moving the send's
/// <see cref="NewsletterSend.QueuedThrough"/> on with a conditional update (so of two nodes queuing at once, one gets
/// each batch), its messages and its (send, subscriber) rows are stored with it, and the rows' key refuses any reader
/// twice. A crash loses at most an uncommitted batch, which the next look queues again: no reader missed, none twice.
/// Messages are spaced at <see cref="NewsletterOptions.MessagesPerSecond"/> by when each is due, so every node's
/// sender keeps to the rate together, and mail for staff, due at once, goes between them.
/// </summary>
public sealed class NewsletterQueuing(MastheadDb db, MailQueue mail, ArticleQueries articles, MarkdownRenderer markdown, NewsletterOptions options, TimeProvider time)
{
    /// <summary>Sends waiting to be queued whose time has come, oldest first.</summary>
    public Task<List<int>> WaitingAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return db.NewsletterSends.Where(s => s.State == NewsletterSendState.Queuing && s.NotBefore <= now).OrderBy(s => s.Id).Select(s => s.Id).ToListAsync(cancellationToken);
    }

    /// <summary>The message every reader of the send gets, with stand-ins for their own links.</summary>
    public async Task<PreparedSend?> PrepareAsync(int sendId, CancellationToken cancellationToken = default)
    {
        var send = await db.NewsletterSends.AsNoTracking().Include(s => s.Newsletter).SingleOrDefaultAsync(s => s.Id == sendId, cancellationToken);
        if (send?.Newsletter is null)
        {
            return null;
        }

        var context = await mail.ContextAsync(cancellationToken);
        var content = send.Newsletter.Kind == NewsletterKind.Alerts
            ? await AlertAsync(send, context, cancellationToken)
            : await BriefingAsync(send, send.Newsletter, context, cancellationToken);
        return new PreparedSend(send.Id, send.NewsletterId, send.Newsletter.Kind == NewsletterKind.Alerts ? MailKind.Alert : MailKind.Newsletter, content, context.BaseUrl);
    }

    /// <summary>What a briefing looks like before it is sent, for the composer's preview.</summary>
    public async Task<MailContent> PreviewAsync(Newsletter newsletter, string subject, string? intro, IReadOnlyList<int> articleIds, CancellationToken cancellationToken)
    {
        var context = await mail.ContextAsync(cancellationToken);
        var send = new NewsletterSend { UniqueKey = "", Subject = subject, IntroMarkdown = intro ?? "", ArticleIds = string.Join(',', articleIds) };
        var template = await BriefingAsync(send, newsletter, context, cancellationToken);
        return ReaderEmail.For(template, context.Url("/newsletter"), context.Url("/newsletter"));
    }

    /// <summary>Queues the next batch; false when the send is wholly queued (or not waiting).</summary>
    public async Task<bool> QueueBatchAsync(PreparedSend prepared, CancellationToken cancellationToken = default)
    {
        var more = false;
        await db.InTransactionAsync(async () =>
        {
            var send = await db.NewsletterSends.AsNoTracking().Where(s => s.Id == prepared.SendId && s.State == NewsletterSendState.Queuing)
                .Select(s => new { s.QueuedThrough, s.NextSlotAt }).SingleOrDefaultAsync(cancellationToken);
            if (send is null)
            {
                return;
            }

            var readers = await db.Subscriptions.Where(s => s.NewsletterId == prepared.NewsletterId && s.UnsubscribedAt == null && s.SubscriberId > send.QueuedThrough)
                .Join(db.Subscribers.Where(r => r.ConfirmedAt != null), s => s.SubscriberId, r => r.Id, (s, r) => new { r.Id, r.Email, r.Name, r.LinkKey })
                .OrderBy(r => r.Id).Take(options.BatchSize).ToListAsync(cancellationToken);
            var now = time.GetUtcNow().UtcDateTime;
            if (readers.Count == 0)
            {
                await db.NewsletterSends.Where(s => s.Id == prepared.SendId && s.State == NewsletterSendState.Queuing && s.QueuedThrough == send.QueuedThrough)
                    .ExecuteUpdateAsync(set => set.SetProperty(s => s.State, NewsletterSendState.Queued).SetProperty(s => s.QueuedAt, now), cancellationToken);
                return;
            }

            var start = send.NextSlotAt > now ? send.NextSlotAt : now;
            var spacing = TimeSpan.FromSeconds(1 / Math.Max(0.01, options.MessagesPerSecond));
            var through = readers[^1].Id;
            var claimed = await db.NewsletterSends.Where(s => s.Id == prepared.SendId && s.State == NewsletterSendState.Queuing && s.QueuedThrough == send.QueuedThrough)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(s => s.QueuedThrough, through)
                    .SetProperty(s => s.QueuedCount, s => s.QueuedCount + readers.Count)
                    .SetProperty(s => s.NextSlotAt, start + (spacing * readers.Count)), cancellationToken);
            more = true;
            if (claimed == 0)
            {
                return; // another node queued this batch a moment ago; look again from where it stopped
            }

            for (var i = 0; i < readers.Count; i++)
            {
                var reader = readers[i];
                var unsubscribe = prepared.BaseUrl + SubscriberLinks.UnsubscribePath(reader.Id, reader.LinkKey, prepared.NewsletterId);
                var manage = prepared.BaseUrl + SubscriberLinks.ManagePath(reader.Id, reader.LinkKey);
                db.Outbox.Add(mail.Create(prepared.Kind, new MailRecipient(reader.Email, reader.Name), ReaderEmail.For(prepared.Content, manage, unsubscribe),
                    notBefore: start + (spacing * i), listUnsubscribeUrl: unsubscribe, newsletterSendId: prepared.SendId));
                db.SendDeliveries.Add(new SendDelivery { SendId = prepared.SendId, SubscriberId = reader.Id });
            }

            await db.SaveChangesAsync(cancellationToken);
        }, cancellationToken);
        db.ChangeTracker.Clear();
        return more;
    }

    private async Task<MailContent> BriefingAsync(NewsletterSend send, Newsletter newsletter, MailContext context, CancellationToken cancellationToken)
    {
        var ids = send.Articles.ToArray();
        var chosen = (await articles.FrontAsync(0, ids, [], cancellationToken)).Chosen;
        var intro = markdown.Render(send.IntroMarkdown, NewsletterSend.MaxIntroLength, "Intro");
        var clock = context.Publication.Clock;
        var email = new ReaderEmail()
            .Label(newsletter.Name)
            .Html(intro.Html, send.IntroMarkdown);
        foreach (var article in ids.Where(chosen.ContainsKey).Select(id => chosen[id]))
        {
            var image = article.LeadImage is { } lead ? Absolute(context, lead.Url) : null;
            var meta = string.Join(" · ", new[] { article.Section?.Name, string.Join(", ", article.Authors.Select(a => a.Name)), clock.FormatDate(article.PublishedAt) }
                .Where(p => !string.IsNullOrWhiteSpace(p)));
            email.Story(article.Headline, context.Url(article.Path), article.Standfirst, image, article.LeadImage?.Alt, meta);
        }

        var preheader = ids.Where(chosen.ContainsKey).Select(id => chosen[id].Headline).FirstOrDefault() ?? newsletter.Description;
        return email.Build(send.Subject, preheader, context.Name, context.BaseUrl + "/",
            $"You get {newsletter.Name} because you subscribed to it at {Host(context)}.", listLinks: true);
    }

    private async Task<MailContent> AlertAsync(NewsletterSend send, MailContext context, CancellationToken cancellationToken)
    {
        var articleId = send.Articles.FirstOrDefault();
        var article = (await articles.FrontAsync(0, [articleId], [], cancellationToken)).Chosen.GetValueOrDefault(articleId);
        var email = new ReaderEmail().Label("Breaking news").Heading(send.Subject, article is null ? null : context.Url(article.Path));
        if (send.LiveUpdateId is { } updateId)
        {
            var update = await db.LiveUpdates.AsNoTracking().Where(u => u.Id == updateId).Select(u => new { u.BodyHtml, u.BodyMarkdown }).SingleOrDefaultAsync(cancellationToken);
            if (update is not null)
            {
                email.Html(update.BodyHtml, update.BodyMarkdown);
            }
        }
        else if (article is { Standfirst.Length: > 0 })
        {
            email.Paragraph(article.Standfirst);
        }

        if (article is not null)
        {
            email.Button(article.IsLive ? "Follow the latest" : "Read the story", context.Url(article.Path));
        }

        return email.Build(send.Subject, article?.Headline ?? send.Subject, context.Name, context.BaseUrl + "/",
            $"You get breaking-news alerts from {context.Name} because you subscribed to them at {Host(context)}.", listLinks: true);
    }

    private static string Absolute(MailContext context, string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https" ? url : context.Url(url.StartsWith('/') ? url : "/" + url);

    private static string Host(MailContext context) => Uri.TryCreate(context.BaseUrl, UriKind.Absolute, out var uri) ? uri.Host : context.BaseUrl;
}

/// <summary>A send's message, made once, and what each reader's copy needs.</summary>
public sealed record PreparedSend(int SendId, int NewsletterId, MailKind Kind, MailContent Content, string BaseUrl);
