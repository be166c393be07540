using Masthead.Core.Mail;

namespace Masthead.Newsroom.Staff;

/// <summary>How My profile names each notification.</summary>
public static class NotificationText
{
    public static string Of(Notification notification) => notification switch
    {
        Notification.ReviewRequested => "An article is submitted for review",
        Notification.SentBack => "An editor sends my article back, with their note",
        Notification.ScheduledOrPublished => "My article is approved and scheduled, or published",
        Notification.HeldBack => "A scheduled article of mine, or one I edit, is held back by the rules",
        Notification.InboxMessage => "A reader writes to the inbox (replying to the email answers the reader)",
        Notification.NoteAdded => "A correction, clarification or update is added to my article",
        _ => notification.ToString(),
    };
}
