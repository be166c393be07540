namespace Masthead.Core.Contact;

/// <summary>A reader's message to the editors, stored before anything else happens to it.</summary>
public sealed class ContactMessage
{
    public const int MaxNameLength = 200;
    public const int MaxEmailLength = 320;
    public const int MaxSubjectLength = 200;
    public const int MaxBodyLength = 10_000;

    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Email { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    public DateTime ReceivedAt { get; set; }
    public ContactMessageStatus Status { get; set; }
    public int? HandledById { get; set; }
    public DateTime? HandledAt { get; set; }
}

public enum ContactMessageStatus
{
    New,
    Handled,
    Archived,
}
