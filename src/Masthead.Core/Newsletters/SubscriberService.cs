using System.Net;
using Masthead.Core.Mail;
using Masthead.Core.SignIn;
using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Newsletters;

/// <summary>A sign-up as the form sends it. <paramref name="NewsletterIds"/> null means the form offered no choice: the defaults.</summary>
public sealed record SignupInput(string? Email, string? Name, IReadOnlyCollection<int>? NewsletterIds, string Source, IPAddress? Client);

public enum SignupOutcome
{
    /// <summary>The answer to every well-formed sign-up, whether or not the address was on the list, or was held back.</summary>
    CheckYourEmail,

    /// <summary>This client has signed up too many times this hour; nothing was done.</summary>
    TooManyFromClient,
}

/// <summary>
/// A reader joining the list. Double opt-in: the sign-up stores the address unconfirmed and emails a link; nothing else
/// is sent to it until the link is followed. The answer is the same whether or not the address was already on the list
/// (an address already confirmed is emailed a link to its preferences instead), so the form tells nobody who reads us.
/// Sign-ups are counted in the database, so every node holds back alike: at most <see cref="PerAddressPerDay"/>
/// emails to one address in a day (more are answered alike and send nothing) and
/// <see cref="NewsletterOptions.SignupsPerClientPerHour"/> sign-ups from one client in an hour.
/// </summary>
public sealed class SubscriberService(MastheadDb db, MailQueue mail, NewsletterOptions options, TimeProvider time)
{
    public const int PerAddressPerDay = 3;

    public async Task<SignupOutcome> SignUpAsync(SignupInput input, CancellationToken cancellationToken = default)
    {
        var email = (input.Email ?? "").Trim();
        var name = MailQueue.OneLine(input.Name, Subscriber.MaxNameLength);
        var problems = new Dictionary<string, string>();
        if (SubscriberAddresses.Problem(email) is { } emailProblem)
        {
            problems["Email"] = emailProblem;
        }

        if ((input.Name ?? "").Length > Subscriber.MaxNameLength)
        {
            problems["Name"] = $"A name is at most {Subscriber.MaxNameLength} characters.";
        }

        var offered = await db.Newsletters.AsNoTracking().Where(n => n.IsActive).OrderBy(n => n.Position).ToListAsync(cancellationToken);
        var chosen = input.NewsletterIds is null
            ? offered.Where(n => n.IsDefault).ToList()
            : offered.Where(n => input.NewsletterIds.Contains(n.Id)).ToList();
        if (chosen.Count == 0)
        {
            problems["Newsletters"] = "Choose at least one newsletter.";
        }

        if (problems.Count > 0)
        {
            throw new ValidationException(problems);
        }

        var normalized = SubscriberAddresses.Normalize(email);
        var client = ClientAddresses.ThrottleKey(input.Client);
        var outcome = SignupOutcome.CheckYourEmail;
        await db.InTransactionAsync(async () =>
        {
            await db.LockNewsroomAsync(cancellationToken); // sign-ups sent at once are counted one after the other
            var now = Now;
            var counted = db.SignInAttempts.Where(a => a.Step == SignInStep.Subscribe && a.Outcome == SignInOutcome.Succeeded);
            if (await counted.CountAsync(a => a.Address == client && a.At > now.AddHours(-1), cancellationToken) >= options.SignupsPerClientPerHour)
            {
                outcome = SignupOutcome.TooManyFromClient;
                return;
            }

            var heldForAddress = await counted.CountAsync(a => a.Email == normalized && a.At > now.AddDays(-1), cancellationToken) >= PerAddressPerDay;
            db.SignInAttempts.Add(new SignInAttempt
            {
                At = now,
                Step = SignInStep.Subscribe,
                Address = client,
                Email = normalized,
                Outcome = heldForAddress ? SignInOutcome.Held : SignInOutcome.Succeeded,
            });
            if (!heldForAddress)
            {
                await SignUpAsync(email, normalized, name, chosen, input.Source, client, now, cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
        }, cancellationToken);
        return outcome;
    }

    private async Task SignUpAsync(string email, string normalized, string name, List<Newsletter> chosen, string source, string client, DateTime now,
        CancellationToken cancellationToken)
    {
        var context = await mail.ContextAsync(cancellationToken);
        var subscriber = await db.Subscribers.Include(s => s.Subscriptions).SingleOrDefaultAsync(s => s.NormalizedEmail == normalized, cancellationToken);
        if (subscriber?.ConfirmedAt is not null)
        {
            // Their choices are theirs to change, from their own link: someone else typing the address changes nothing.
            var manage = context.Url(SubscriberLinks.ManagePath(subscriber.Id, subscriber.LinkKey));
            mail.Add(MailKind.SubscriptionConfirmation, new MailRecipient(subscriber.Email, subscriber.Name), new ReaderEmail()
                .Label("You are already subscribed")
                .Paragraph($"Someone (we hope you) entered this address on the sign-up form of {context.Name}. It is already on our list, so nothing has changed.")
                .Paragraph("To choose what you get, or to stop getting it, use this link:")
                .Button("Choose what you get", manage)
                .Build($"You are already subscribed to {context.Name}", "Your subscription is unchanged.", context.Name, context.BaseUrl + "/",
                    "You received this because this address was entered on our sign-up form.", listLinks: false));
            return;
        }

        if (subscriber is null)
        {
            subscriber = new Subscriber { Email = email, NormalizedEmail = normalized, LinkKey = SubscriberLinks.NewKey(), CreatedAt = now };
            db.Subscribers.Add(subscriber);
        }

        if (name.Length > 0)
        {
            subscriber.Name = name;
        }

        Choose(subscriber, chosen.Select(n => n.Id).ToList(), now, endOthers: true);
        subscriber.ConfirmationSentAt = now;
        await db.SaveChangesAsync(cancellationToken); // the subscriber's id signs the link
        db.ConsentRecords.Add(Consent(subscriber.Id, now, ConsentAction.SignedUp, $"the sign-up form on {Clip(source, 200)}", chosen, client));
        var confirm = context.Url(SubscriberLinks.ConfirmPath(subscriber.Id, subscriber.LinkKey, now));
        var names = ListNames(chosen);
        mail.Add(MailKind.SubscriptionConfirmation, new MailRecipient(email, subscriber.Name), new ReaderEmail()
            .Label("One more step")
            .Heading("Confirm your subscription")
            .Paragraph($"You asked to receive {names} from {context.Name}. We will send nothing until you confirm that this address is yours.")
            .Button("Yes, subscribe me", confirm)
            .Paragraph("The link works for seven days. If you did not ask for this, ignore this email and you will hear nothing more from us.")
            .Build($"Confirm your subscription to {context.Name}", "One click and you are on the list.", context.Name, context.BaseUrl + "/",
                "You received this because this address was entered on our sign-up form.", listLinks: false));
    }

    /// <summary>Whether a confirmation link works, without using it (a mail scanner opening it changes nothing).</summary>
    public async Task<ConfirmState> CheckConfirmationAsync(string? token, CancellationToken cancellationToken = default)
    {
        var (subscriber, read) = await FindAsync(LinkPurpose.Confirm, token, cancellationToken);
        return subscriber is null ? ConfirmState.Invalid
            : subscriber.ConfirmedAt is not null ? ConfirmState.AlreadyConfirmed
            : IsExpired(read!) ? ConfirmState.Expired
            : ConfirmState.Ready;
    }

    /// <summary>Confirms the address, once; the answer says how it stands and carries the reader's preferences link.</summary>
    public async Task<(ConfirmState State, string? ManagePath)> ConfirmAsync(string? token, IPAddress? client, CancellationToken cancellationToken = default)
    {
        var state = ConfirmState.Invalid;
        string? manage = null;
        await db.InTransactionAsync(async () =>
        {
            var (subscriber, read) = await FindAsync(LinkPurpose.Confirm, token, cancellationToken, tracked: true);
            if (subscriber is null)
            {
                return;
            }

            manage = SubscriberLinks.ManagePath(subscriber.Id, subscriber.LinkKey);
            if (subscriber.ConfirmedAt is not null)
            {
                state = ConfirmState.AlreadyConfirmed;
                return;
            }

            if (IsExpired(read!))
            {
                state = ConfirmState.Expired;
                manage = null;
                return;
            }

            var now = Now;
            var confirmed = await db.Subscribers.Where(s => s.Id == subscriber.Id && s.ConfirmedAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(s => s.ConfirmedAt, now), cancellationToken);
            state = confirmed == 1 ? ConfirmState.Confirmed : ConfirmState.AlreadyConfirmed;
            if (confirmed == 1)
            {
                var lists = await CurrentNewslettersAsync(subscriber.Id, cancellationToken);
                db.ConsentRecords.Add(Consent(subscriber.Id, now, ConsentAction.Confirmed, "the confirmation link emailed to the address", lists,
                    ClientAddresses.ThrottleKey(client)));
                await db.SaveChangesAsync(cancellationToken);
            }
        }, cancellationToken);
        return (state, manage);
    }

    /// <summary>What a reader's preferences page shows; null when the link is not one of ours.</summary>
    public async Task<SubscriberPreferences?> PreferencesAsync(string? token, CancellationToken cancellationToken = default)
    {
        var (subscriber, _) = await FindAsync(LinkPurpose.Manage, token, cancellationToken);
        if (subscriber is null)
        {
            return null;
        }

        var current = await db.Subscriptions.AsNoTracking().Where(s => s.SubscriberId == subscriber.Id && s.UnsubscribedAt == null)
            .Select(s => s.NewsletterId).ToListAsync(cancellationToken);
        var newsletters = await db.Newsletters.AsNoTracking().Where(n => n.IsActive || current.Contains(n.Id)).OrderBy(n => n.Position)
            .Select(n => new NewsletterChoice(n.Id, n.Name, n.Description, current.Contains(n.Id))).ToListAsync(cancellationToken);
        return new SubscriberPreferences(subscriber.Id, subscriber.Email, subscriber.Name, subscriber.ConfirmedAt is not null, newsletters);
    }

    /// <summary>Sets which newsletters the reader gets; none at all is allowed, and they stay on the list with nothing.</summary>
    public async Task<bool> SavePreferencesAsync(string? token, string? name, IReadOnlyCollection<int> newsletterIds, IPAddress? client,
        CancellationToken cancellationToken = default)
    {
        if ((name ?? "").Length > Subscriber.MaxNameLength)
        {
            throw ValidationException.For("Name", $"A name is at most {Subscriber.MaxNameLength} characters.");
        }

        var saved = false;
        await db.InTransactionAsync(async () =>
        {
            var (subscriber, _) = await FindAsync(LinkPurpose.Manage, token, cancellationToken, tracked: true);
            if (subscriber is null)
            {
                return;
            }

            var now = Now;
            var chosen = await db.Newsletters.Where(n => n.IsActive && newsletterIds.Contains(n.Id)).ToListAsync(cancellationToken);
            await db.Entry(subscriber).Collection(s => s.Subscriptions).LoadAsync(cancellationToken);
            subscriber.Name = MailQueue.OneLine(name, Subscriber.MaxNameLength);
            // Opening a link sent to the address proves it is theirs, as the confirmation link does.
            subscriber.ConfirmedAt ??= now;
            Choose(subscriber, chosen.Select(n => n.Id).ToList(), now, endOthers: true);
            db.ConsentRecords.Add(Consent(subscriber.Id, now, ConsentAction.Changed, "their preferences page", chosen, ClientAddresses.ThrottleKey(client)));
            await db.SaveChangesAsync(cancellationToken);
            saved = true;
        }, cancellationToken);
        return saved;
    }

    /// <summary>Whether an unsubscribe link works, and what it leaves, without using it.</summary>
    public async Task<UnsubscribeLink?> CheckUnsubscribeAsync(string? token, CancellationToken cancellationToken = default)
    {
        var (subscriber, read) = await FindAsync(LinkPurpose.Unsubscribe, token, cancellationToken);
        if (subscriber is null)
        {
            return null;
        }

        var name = read!.Detail == 0 ? "every newsletter" : await db.Newsletters.Where(n => n.Id == read.Detail).Select(n => n.Name).SingleOrDefaultAsync(cancellationToken);
        return name is null ? null : new UnsubscribeLink(subscriber.Email, name, SubscriberLinks.ManagePath(subscriber.Id, subscriber.LinkKey));
    }

    /// <summary>Ends the subscription the link names (or every one); using it again changes nothing and still succeeds.</summary>
    public async Task<UnsubscribeLink?> UnsubscribeAsync(string? token, string how, IPAddress? client, CancellationToken cancellationToken = default)
    {
        var link = await CheckUnsubscribeAsync(token, cancellationToken);
        if (link is null)
        {
            return null;
        }

        var read = SubscriberLinks.Read(LinkPurpose.Unsubscribe, token)!;
        await db.InTransactionAsync(async () =>
        {
            var now = Now;
            var ending = db.Subscriptions.Where(s => s.SubscriberId == read.SubscriberId && s.UnsubscribedAt == null && (read.Detail == 0 || s.NewsletterId == read.Detail));
            var lists = await db.Newsletters.Where(n => ending.Any(s => s.NewsletterId == n.Id)).ToListAsync(cancellationToken);
            if (await ending.ExecuteUpdateAsync(set => set.SetProperty(s => s.UnsubscribedAt, now), cancellationToken) > 0)
            {
                db.ConsentRecords.Add(Consent(read.SubscriberId, now, ConsentAction.Unsubscribed, how, lists, ClientAddresses.ThrottleKey(client)));
                await db.SaveChangesAsync(cancellationToken);
            }
        }, cancellationToken);
        return link;
    }

    /// <summary>Everything held about the reader the link is for; null when the link is not one of ours.</summary>
    public async Task<SubscriberRecord?> EverythingHeldAsync(string? token, CancellationToken cancellationToken = default)
    {
        var (subscriber, _) = await FindAsync(LinkPurpose.Manage, token, cancellationToken);
        return subscriber is null ? null : await RecordOfAsync(db, subscriber, cancellationToken);
    }

    internal static async Task<SubscriberRecord> RecordOfAsync(MastheadDb db, Subscriber subscriber, CancellationToken cancellationToken)
    {
        var names = await db.Newsletters.AsNoTracking().ToDictionaryAsync(n => n.Id, n => n.Name, cancellationToken);
        var subscriptions = (await db.Subscriptions.AsNoTracking().Where(s => s.SubscriberId == subscriber.Id).ToListAsync(cancellationToken))
            .ConvertAll(s => new SubscriptionRecord(names.GetValueOrDefault(s.NewsletterId, ""), s.SubscribedAt, s.UnsubscribedAt));
        var consent = (await db.ConsentRecords.AsNoTracking().Where(c => c.SubscriberId == subscriber.Id).OrderBy(c => c.Id).ToListAsync(cancellationToken))
            .ConvertAll(c => new ConsentEntry(c.At, c.Action.ToString(), c.Source, c.Newsletters, c.ClientAddress));
        var received = (await db.NewsletterSends.AsNoTracking().Where(s => db.SendDeliveries.Any(d => d.SendId == s.Id && d.SubscriberId == subscriber.Id))
            .OrderBy(s => s.Id).Select(s => new { s.CreatedAt, s.Subject }).ToListAsync(cancellationToken))
            .ConvertAll(s => new ReceivedIssue(s.CreatedAt, s.Subject));
        return new SubscriberRecord(subscriber.Email, subscriber.Name, subscriber.CreatedAt, subscriber.ConfirmedAt, subscriptions, consent, received);
    }

    /// <summary>Deletes the reader and everything about them, messages still waiting to go to them included.</summary>
    public async Task<bool> DeleteAsync(string? token, CancellationToken cancellationToken = default)
    {
        var (subscriber, _) = await FindAsync(LinkPurpose.Manage, token, cancellationToken);
        if (subscriber is null)
        {
            return false;
        }

        await ForgetAsync(db, subscriber.Id, subscriber.NormalizedEmail, cancellationToken);
        return true;
    }

    internal static Task ForgetAsync(MastheadDb db, int subscriberId, string normalizedEmail, CancellationToken cancellationToken) => db.InTransactionAsync(async () =>
    {
        var readerMail = new[] { MailKind.Newsletter, MailKind.Alert, MailKind.SubscriptionConfirmation };
        await SendTallies.DeleteAsync(db, db.Outbox.Where(m => readerMail.Contains(m.Kind) && m.ToAddress.ToLower() == normalizedEmail
            && (m.State == OutgoingMailState.Queued || m.State == OutgoingMailState.Failed || m.State == OutgoingMailState.Sent)), cancellationToken);
        await db.SignInAttempts.Where(a => a.Step == SignInStep.Subscribe && a.Email == normalizedEmail).ExecuteDeleteAsync(cancellationToken);
        await db.SendDeliveries.Where(d => d.SubscriberId == subscriberId).ExecuteDeleteAsync(cancellationToken);
        await db.ConsentRecords.Where(c => c.SubscriberId == subscriberId).ExecuteDeleteAsync(cancellationToken);
        await db.Subscriptions.Where(s => s.SubscriberId == subscriberId).ExecuteDeleteAsync(cancellationToken);
        await db.Subscribers.Where(s => s.Id == subscriberId).ExecuteDeleteAsync(cancellationToken);
    }, cancellationToken);

    /// <summary>Subscribes to <paramref name="newsletterIds"/> (again, for one left before) and, with <paramref name="endOthers"/>, leaves the rest.</summary>
    internal static void Choose(Subscriber subscriber, IReadOnlyCollection<int> newsletterIds, DateTime now, bool endOthers)
    {
        foreach (var id in newsletterIds)
        {
            var existing = subscriber.Subscriptions.FirstOrDefault(s => s.NewsletterId == id);
            if (existing is null)
            {
                subscriber.Subscriptions.Add(new Subscription { NewsletterId = id, SubscribedAt = now });
            }
            else if (existing.UnsubscribedAt is not null)
            {
                existing.UnsubscribedAt = null;
                existing.SubscribedAt = now;
            }
        }

        if (endOthers)
        {
            foreach (var other in subscriber.Subscriptions.Where(s => !newsletterIds.Contains(s.NewsletterId) && s.UnsubscribedAt is null))
            {
                other.UnsubscribedAt = now;
            }
        }
    }

    internal static ConsentRecord Consent(int subscriberId, DateTime at, ConsentAction action, string source, IEnumerable<Newsletter> newsletters, string client) => new()
    {
        SubscriberId = subscriberId,
        At = at,
        Action = action,
        Source = Clip(source, ConsentRecord.MaxSourceLength),
        Newsletters = Clip(string.Join(", ", newsletters.Select(n => n.Name)), 1000),
        ClientAddress = Clip(client, 64),
    };

    internal static string ListNames(IReadOnlyList<Newsletter> newsletters) => newsletters.Count switch
    {
        0 => "nothing",
        1 => newsletters[0].Name,
        _ => string.Join(", ", newsletters.Take(newsletters.Count - 1).Select(n => n.Name)) + " and " + newsletters[^1].Name,
    };

    private Task<List<Newsletter>> CurrentNewslettersAsync(int subscriberId, CancellationToken cancellationToken) =>
        db.Newsletters.Where(n => db.Subscriptions.Any(s => s.SubscriberId == subscriberId && s.NewsletterId == n.Id && s.UnsubscribedAt == null))
            .OrderBy(n => n.Position).ToListAsync(cancellationToken);

    private async Task<(Subscriber? Subscriber, LinkToken? Token)> FindAsync(LinkPurpose purpose, string? token, CancellationToken cancellationToken, bool tracked = false)
    {
        if (SubscriberLinks.Read(purpose, token) is not { } read)
        {
            return (null, null);
        }

        var query = tracked ? db.Subscribers : db.Subscribers.AsNoTracking();
        var subscriber = await query.SingleOrDefaultAsync(s => s.Id == read.SubscriberId, cancellationToken);
        return subscriber is not null && SubscriberLinks.Verify(read, subscriber.LinkKey) ? (subscriber, read) : (null, null);
    }

    private bool IsExpired(LinkToken token) =>
        DateTimeOffset.FromUnixTimeSeconds(Math.Min(token.Detail, 253402300799)).UtcDateTime + SubscriberLinks.ConfirmLifetime < Now;

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..length];
}

public enum ConfirmState
{
    Ready,
    Confirmed,
    AlreadyConfirmed,
    Expired,
    Invalid,
}

public sealed record NewsletterChoice(int Id, string Name, string Description, bool Subscribed);

public sealed record SubscriberPreferences(int Id, string Email, string Name, bool Confirmed, IReadOnlyList<NewsletterChoice> Newsletters);

public sealed record UnsubscribeLink(string Email, string Leaves, string ManagePath);

public sealed record SubscriptionRecord(string Newsletter, DateTime SubscribedAt, DateTime? UnsubscribedAt);

public sealed record ConsentEntry(DateTime At, string Action, string Source, string Newsletters, string ClientAddress);

public sealed record ReceivedIssue(DateTime At, string Subject);

/// <summary>Everything held about one reader, as they may download it.</summary>
public sealed record SubscriberRecord(
    string Email, string Name, DateTime SignedUpAt, DateTime? ConfirmedAt, IReadOnlyList<SubscriptionRecord> Subscriptions,
    IReadOnlyList<ConsentEntry> Consent, IReadOnlyList<ReceivedIssue> Received);
