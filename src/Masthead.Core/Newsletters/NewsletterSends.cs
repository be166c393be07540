using System.Globalization;
using Masthead.Core.Articles;
using Masthead.Core.Events;
using Masthead.Core.Mail;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Masthead.Core.Text;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Newsletters;

/// <summary>A briefing as the composer sends it: the articles in the editor's order, and the form's one-time key.</summary>
public sealed record BriefingInput(string? Subject, string? IntroMarkdown, IReadOnlyList<int> ArticleIds, string? FormKey, DateTime? SendAt = null);

/// <summary>What became of "Send": a new send, or the one an earlier press (or another node) already made.</summary>
public sealed record SendResult(int SendId, bool AlreadySent, string SentByName, DateTime SentAt);

/// <summary>
/// Makes newsletter sends: a briefing from the composer, a breaking-news alert from an article or a key live update,
/// and each newsletter's scheduled issue. Each send has a key that makes it one of a kind (the form's key, the
/// article's or update's, the schedule's date), held unique by the database: a second press, a second node or a
/// second tab finds the first and sends nothing. The send is then put in the outbox by <see cref="NewsletterQueuing"/>.
/// </summary>
public sealed class NewsletterSends(MastheadDb db, ArticleQueries articles, MarkdownRenderer markdown, TimeProvider time)
{
    public async Task<SendResult> BriefingAsync(Actor actor, int newsletterId, BriefingInput input, CancellationToken cancellationToken = default)
    {
        Permissions.Demand(Permissions.CanSendNewsletters(actor), "send newsletters");
        var newsletter = await db.Newsletters.AsNoTracking().SingleOrDefaultAsync(n => n.Id == newsletterId && n.Kind == NewsletterKind.Briefing, cancellationToken)
            ?? throw new NotFoundException("There is no such newsletter, article or key update to send.");
        var problems = new Dictionary<string, string>();
        var subject = MailQueue.OneLine(input.Subject, int.MaxValue);
        if (subject.Length == 0)
        {
            problems["Subject"] = "Give the briefing a subject line.";
        }
        else if (subject.Length > NewsletterSend.MaxSubjectLength)
        {
            problems["Subject"] = $"A subject is at most {NewsletterSend.MaxSubjectLength} characters.";
        }

        try
        {
            markdown.Render(input.IntroMarkdown, NewsletterSend.MaxIntroLength, "Intro");
        }
        catch (ValidationException invalid)
        {
            foreach (var (field, message) in invalid.Problems)
            {
                problems[field] = message;
            }
        }

        var chosen = input.ArticleIds.Distinct().Take(NewsletterOptions.MaxStories + 1).ToArray();
        var published = (await articles.FrontAsync(0, chosen, [], cancellationToken)).Chosen;
        if (chosen.Length == 0 || published.Count == 0)
        {
            problems["Articles"] = "Choose at least one published article.";
        }
        else if (chosen.Length > NewsletterOptions.MaxStories)
        {
            problems["Articles"] = $"A briefing carries at most {NewsletterOptions.MaxStories} articles.";
        }

        var key = FormKey(input.FormKey) ?? throw ValidationException.For("Subject", "The form has expired. Reload the page and send again.");
        if (problems.Count > 0)
        {
            throw new ValidationException(problems);
        }

        var now = Now;
        var notBefore = input.SendAt is { } at && at > now ? at : now;
        return await CreateAsync(new NewsletterSend
        {
            NewsletterId = newsletter.Id,
            UniqueKey = "form:" + key,
            Subject = subject,
            IntroMarkdown = input.IntroMarkdown?.Trim() ?? "",
            ArticleIds = string.Join(',', chosen.Where(published.ContainsKey)),
            SentById = actor.StaffId,
            SentByName = actor.Name,
            NotBefore = notBefore,
        }, cancellationToken);
    }

    /// <summary>
    /// A breaking-news alert about a published article, or about one of its key live updates: once each, ever. The
    /// alert's text is the update's (or the article's standfirst), with a link to the story.
    /// </summary>
    public async Task<SendResult> AlertAsync(Actor actor, int articleId, int? liveUpdateId, string? subject, CancellationToken cancellationToken = default)
    {
        Permissions.Demand(Permissions.CanSendNewsletters(actor), "send breaking-news alerts");
        var alert = await AlertSourceAsync(articleId, liveUpdateId, cancellationToken)
            ?? throw new NotFoundException("There is no such newsletter, article or key update to send.");
        var line = MailQueue.OneLine(subject, int.MaxValue);
        if (line.Length > NewsletterSend.MaxSubjectLength)
        {
            throw ValidationException.For("Subject", $"A subject is at most {NewsletterSend.MaxSubjectLength} characters.");
        }

        return await CreateAsync(new NewsletterSend
        {
            NewsletterId = Newsletter.AlertsId,
            UniqueKey = AlertKey(articleId, liveUpdateId),
            Subject = line.Length > 0 ? line : alert.DefaultSubject,
            ArticleIds = articleId.ToString(CultureInfo.InvariantCulture),
            LiveUpdateId = liveUpdateId,
            SentById = actor.StaffId,
            SentByName = actor.Name,
            NotBefore = Now,
        }, cancellationToken);
    }

    /// <summary>The alert already sent about the article or update, with who sent it and when; null while none has been.</summary>
    public Task<SendResult?> AlertSentAsync(int articleId, int? liveUpdateId, CancellationToken cancellationToken = default)
    {
        var key = AlertKey(articleId, liveUpdateId);
        return db.NewsletterSends.AsNoTracking().Where(s => s.UniqueKey == key)
            .Select(s => (SendResult?)new SendResult(s.Id, true, s.SentByName, s.CreatedAt)).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>What an alert about the article (or update) would say; null when there is nothing published to alert about.</summary>
    public async Task<AlertSource?> AlertSourceAsync(int articleId, int? liveUpdateId, CancellationToken cancellationToken = default)
    {
        var article = (await articles.FrontAsync(0, [articleId], [], cancellationToken)).Chosen.GetValueOrDefault(articleId);
        if (article is null)
        {
            return null;
        }

        if (liveUpdateId is null)
        {
            return new AlertSource(article, null, article.Headline, article.Standfirst, "");
        }

        var update = await db.LiveUpdates.AsNoTracking().Where(u => u.Id == liveUpdateId && u.ArticleId == articleId && u.DeletedAt == null && u.IsKey)
            .Select(u => new { u.Id, u.Title, u.BodyMarkdown, u.BodyHtml }).SingleOrDefaultAsync(cancellationToken);
        return update is null ? null
            : new AlertSource(article, update.Id, update.Title is { Length: > 0 } title ? title : article.Headline, update.BodyMarkdown, update.BodyHtml);
    }

    /// <summary>
    /// The scheduled issue of <paramref name="newsletter"/> for <paramref name="date"/> (the publication's date): the
    /// newest articles of its sections since its last issue. Null when there is nothing new to send, or it was made.
    /// </summary>
    public async Task<SendResult?> ScheduledAsync(Newsletter newsletter, DateOnly date, CancellationToken cancellationToken = default)
    {
        var key = string.Create(CultureInfo.InvariantCulture, $"schedule:{newsletter.Id}:{date:yyyy-MM-dd}");
        if (await db.NewsletterSends.AnyAsync(s => s.UniqueKey == key, cancellationToken))
        {
            return null;
        }

        var previous = await db.NewsletterSends.Where(s => s.NewsletterId == newsletter.Id).MaxAsync(s => (DateTime?)s.CreatedAt, cancellationToken);
        var since = previous ?? Now - (newsletter.Schedule == NewsletterSchedule.Weekly ? TimeSpan.FromDays(7) : TimeSpan.FromDays(1));
        var stories = (await NewestAsync(newsletter, NewsletterOptions.MaxStories, cancellationToken)).Where(a => a.PublishedAt > since).Take(10).ToList();
        if (stories.Count == 0)
        {
            return null;
        }

        var result = await CreateAsync(new NewsletterSend
        {
            NewsletterId = newsletter.Id,
            UniqueKey = key,
            Subject = $"{newsletter.Name}: {stories[0].Headline}",
            ArticleIds = string.Join(',', stories.Select(a => a.Id)),
            SentByName = "the schedule",
            NotBefore = Now,
        }, cancellationToken);
        return result.AlreadySent ? null : result;
    }

    /// <summary>The newest published articles of the sections that feed <paramref name="newsletter"/> (of all, when none is chosen).</summary>
    public async Task<IReadOnlyList<ArticleSummary>> NewestAsync(Newsletter newsletter, int count, CancellationToken cancellationToken = default)
    {
        var sections = newsletter.FeedingSections;
        if (sections.Count == 0)
        {
            return await articles.LatestAsync(ArticleFilter.All, count, cancellationToken: cancellationToken);
        }

        var candidates = await articles.FrontAsync(0, [], sections.Select(s => (s, count)).ToList(), cancellationToken);
        return [.. candidates.BySection.Values.SelectMany(a => a).OrderByDescending(a => a.PublishedAt).Take(count)];
    }

    private async Task<SendResult> CreateAsync(NewsletterSend send, CancellationToken cancellationToken)
    {
        if (await ExistingAsync(send.UniqueKey, cancellationToken) is { } earlier)
        {
            return earlier;
        }

        send.CreatedAt = Now;
        send.State = NewsletterSendState.Queuing;
        send.NextSlotAt = send.NotBefore;
        try
        {
            await db.InTransactionAsync(async () =>
            {
                db.NewsletterSends.Add(send);
                db.Raise(new NewsletterSendCreated());
                await db.SaveChangesAsync(cancellationToken);
            }, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same key was taken a moment ago by another press or another node: that send is the one.
            db.ChangeTracker.Clear();
            return await ExistingAsync(send.UniqueKey, cancellationToken) ?? throw new InvalidOperationException("The send could not be stored.");
        }

        return new SendResult(send.Id, false, send.SentByName, send.CreatedAt);
    }

    private Task<SendResult?> ExistingAsync(string key, CancellationToken cancellationToken) =>
        db.NewsletterSends.AsNoTracking().Where(s => s.UniqueKey == key)
            .Select(s => (SendResult?)new SendResult(s.Id, true, s.SentByName, s.CreatedAt)).SingleOrDefaultAsync(cancellationToken);

    private static string AlertKey(int articleId, int? liveUpdateId) =>
        liveUpdateId is { } update
            ? string.Create(CultureInfo.InvariantCulture, $"alert:update:{update}")
            : string.Create(CultureInfo.InvariantCulture, $"alert:article:{articleId}");

    private static string? FormKey(string? key) => Guid.TryParse(key, out var guid) && guid != Guid.Empty ? guid.ToString("N") : null;

    private DateTime Now => time.GetUtcNow().UtcDateTime;
}

/// <summary>What an alert is about: the article, and the key update when it came from the live desk.</summary>
public sealed record AlertSource(ArticleSummary Article, int? LiveUpdateId, string DefaultSubject, string TextMarkdown, string TextHtml);
