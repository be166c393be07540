namespace Masthead.Core.Mail;

/// <summary>Newsroom notifications a person can switch off in My profile; every one is on until they do.</summary>
public enum Notification
{
    /// <summary>An article was submitted for review (to editors).</summary>
    ReviewRequested,

    /// <summary>An editor sent your article back, with their note.</summary>
    SentBack,

    /// <summary>Your article was approved and scheduled, or published.</summary>
    ScheduledOrPublished,

    /// <summary>A scheduled article was held back by the rules (to its writers and to editors).</summary>
    HeldBack,

    /// <summary>A reader wrote to the inbox (to the people who handle it).</summary>
    InboxMessage,

    /// <summary>A correction, clarification or update was added to your article.</summary>
    NoteAdded,
}

/// <summary>A notification a person has switched off; the row's absence means it is on.</summary>
public sealed class NotificationOptOut
{
    public int StaffMemberId { get; set; }
    public Notification Notification { get; set; }
}
