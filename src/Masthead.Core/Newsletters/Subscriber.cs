namespace Masthead.Core.Newsletters;

/// <summary>
/// A reader on the list: one per address (compared without case), whatever they signed up for how often. Nothing is
/// sent to an address until its owner confirms it from the email sent to it.
/// </summary>
public sealed class Subscriber
{
    public const int MaxEmailLength = 254;
    public const int MaxNameLength = 100;

    public int Id { get; set; }

    /// <summary>The address as typed, trimmed.</summary>
    public required string Email { get; set; }

    /// <summary>The address in lower case, unique: the same reader signing up twice is one subscriber.</summary>
    public required string NormalizedEmail { get; set; }

    public string Name { get; set; } = "";

    /// <summary>The secret that signs this reader's links (confirm, manage, unsubscribe); never shown, never sent alone.</summary>
    public required string LinkKey { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>When the reader confirmed the address; null until then, and nothing is sent but the confirmation.</summary>
    public DateTime? ConfirmedAt { get; set; }

    /// <summary>When the last confirmation email was queued: a confirmation link older than a newer one still works.</summary>
    public DateTime? ConfirmationSentAt { get; set; }

    public List<Subscription> Subscriptions { get; set; } = [];
}

/// <summary>A reader's place on one newsletter; it stays, ended, when they leave, so sending history can count them.</summary>
public sealed class Subscription
{
    public int SubscriberId { get; set; }
    public int NewsletterId { get; set; }
    public DateTime SubscribedAt { get; set; }
    public DateTime? UnsubscribedAt { get; set; }
}

/// <summary>
/// What a reader agreed to, and when, where and how: kept as long as the reader is, shown to them on request, and
/// deleted with them.
/// </summary>
public sealed class ConsentRecord
{
    public const int MaxSourceLength = 500;

    public long Id { get; set; }
    public int SubscriberId { get; set; }
    public DateTime At { get; set; }
    public ConsentAction Action { get; set; }

    /// <summary>The page the form was on, "an email link", or an import's statement of consent and who imported.</summary>
    public string Source { get; set; } = "";

    /// <summary>The newsletters it concerned, by name, as they were called then.</summary>
    public string Newsletters { get; set; } = "";

    /// <summary>The client's address when a reader acted (an IPv6 client by its /64); empty for an import.</summary>
    public string ClientAddress { get; set; } = "";
}

public enum ConsentAction
{
    SignedUp,
    Confirmed,
    Changed,
    Unsubscribed,
    Imported,
}
