namespace Masthead.Core.Newsletters;

/// <summary>
/// One issue of a newsletter to everyone on it: a briefing or an alert. It is queued into the outbox in batches, each in
/// one transaction with the <see cref="SendDelivery"/> rows that say who has it, so a send resumed after a crash
/// continues where it stopped and no reader is queued twice, however many nodes are queuing.
/// </summary>
public sealed class NewsletterSend
{
    public const int MaxSubjectLength = 200;
    public const int MaxIntroLength = 5_000;
    public const int MaxKeyLength = 80;

    public int Id { get; set; }
    public int NewsletterId { get; set; }
    public Newsletter? Newsletter { get; set; }

    /// <summary>What makes this send one of a kind: the form's key, an alert's article or update, a schedule's date.</summary>
    public required string UniqueKey { get; set; }

    public required string Subject { get; set; }

    /// <summary>The editor's introduction, in Markdown; empty for none.</summary>
    public string IntroMarkdown { get; set; } = "";

    /// <summary>The articles in it, in order, as ids separated by commas.</summary>
    public string ArticleIds { get; set; } = "";

    /// <summary>For an alert: the live update it announces, when it came from the live desk.</summary>
    public int? LiveUpdateId { get; set; }

    public int? SentById { get; set; }

    /// <summary>"Anaya Kessler", or "the schedule".</summary>
    public string SentByName { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    /// <summary>Not queued before this.</summary>
    public DateTime NotBefore { get; set; }

    public NewsletterSendState State { get; set; }

    /// <summary>The highest subscriber id queued so far: the next batch starts after it.</summary>
    public int QueuedThrough { get; set; }

    public int QueuedCount { get; set; }

    /// <summary>When the next message may go, so that the whole send keeps to the configured rate.</summary>
    public DateTime NextSlotAt { get; set; }

    public DateTime? QueuedAt { get; set; }

    /// <summary>
    /// Messages of this send recorded as delivered whose outbox rows have since been deleted (the outbox keeps sent mail
    /// a month, and a reader who asks to be forgotten takes theirs along): the history adds them to those still there.
    /// </summary>
    public int DeliveredForgotten { get; set; }

    /// <summary>Likewise for messages that failed for good, which the outbox keeps three months.</summary>
    public int FailedForgotten { get; set; }

    public IReadOnlyList<int> Articles =>
        ArticleIds.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.TryParse(s, out var id) ? id : 0).Where(id => id > 0).ToList();
}

public enum NewsletterSendState
{
    /// <summary>Being put in the outbox, batch by batch.</summary>
    Queuing,

    /// <summary>Everyone on the list has it in the outbox; the outbox delivers it.</summary>
    Queued,
}

/// <summary>That one subscriber has one send in the outbox: its key (send, subscriber) is the guarantee of no doubles.</summary>
public sealed class SendDelivery
{
    public int SendId { get; set; }
    public int SubscriberId { get; set; }
}
