namespace Masthead.Core.Mail;

/// <summary>
/// One email in the outbox: written, addressed and stored in the same transaction as the change that causes it, then
/// delivered by the background sender, which claims it first so that only one node sends it.
/// </summary>
public sealed class OutgoingMail
{
    public const int MaxAddressLength = 320;
    public const int MaxNameLength = 200;
    public const int MaxSubjectLength = 300;
    public const int MaxErrorLength = 1000;
    public const int MaxUrlLength = 500;

    public long Id { get; set; }
    public MailKind Kind { get; set; }

    /// <summary>The staff member it is for, when it is for one; null for a reader or an address not yet confirmed.</summary>
    public int? StaffMemberId { get; set; }

    public required string ToAddress { get; set; }
    public string ToName { get; set; } = "";
    public string? ReplyToAddress { get; set; }
    public string? ReplyToName { get; set; }
    public required string Subject { get; set; }
    public required string TextBody { get; set; }
    public required string HtmlBody { get; set; }

    /// <summary>The unique part of the Message-ID, fixed when queued, so a message sent again carries the same one.</summary>
    public Guid MessageKey { get; set; } = Guid.NewGuid();

    public DateTime QueuedAt { get; set; }

    /// <summary>Not sent before this: when it was queued, then later after each temporary failure.</summary>
    public DateTime NextAttemptAt { get; set; }

    /// <summary>Not worth sending after this (a reset link's hour has passed, say): it is then given up as failed.</summary>
    public DateTime ExpiresAt { get; set; }

    public OutgoingMailState State { get; set; }
    public int Attempts { get; set; }
    public DateTime? LastAttemptAt { get; set; }

    /// <summary>Why the last attempt failed, in words an administrator can act on; or the server's answer once sent.</summary>
    public string? LastResult { get; set; }

    public DateTime? SentAt { get; set; }

    /// <summary>The claim of the sender delivering it now; set and checked in one conditional update.</summary>
    public Guid? ClaimToken { get; set; }

    /// <summary>A claim not settled by then (its node stopped mid-send) is taken over by another sender.</summary>
    public DateTime? ClaimedUntil { get; set; }

    /// <summary>The newsletter issue it is part of, for the send's history; null for every other message.</summary>
    public int? NewsletterSendId { get; set; }

    /// <summary>A reader's one-click unsubscribe address (RFC 8058), sent as List-Unsubscribe; null for staff mail.</summary>
    public string? ListUnsubscribeUrl { get; set; }

    /// <summary>Goes up by one at every claim and every result, as an article's does on every save.</summary>
    public int Version { get; set; }
}

public enum OutgoingMailState
{
    /// <summary>Waiting to be sent, at first or again after a temporary failure.</summary>
    Queued,

    /// <summary>Claimed by a sender, which is delivering it.</summary>
    Sending,

    /// <summary>Accepted by the mail server (or written to the mail directory when no server is set).</summary>
    Sent,

    /// <summary>Refused for good, or given up: administrators see it with the reason.</summary>
    Failed,
}

/// <summary>What a message is, for the outbox list and for how long it is worth trying.</summary>
public enum MailKind
{
    Invitation,
    SetPasswordLink,
    PasswordReset,
    EmailChangeConfirmation,
    EmailChanged,
    SubmittedForReview,
    SentBack,
    Scheduled,
    Published,
    HeldBack,
    InboxMessage,
    NoteAdded,
    Test,

    /// <summary>To a reader who signed up, with the link that confirms the address.</summary>
    SubscriptionConfirmation,

    /// <summary>An issue of a briefing or digest.</summary>
    Newsletter,

    /// <summary>A breaking-news alert.</summary>
    Alert,
}
