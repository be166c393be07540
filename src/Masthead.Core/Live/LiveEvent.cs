namespace Masthead.Core.Live;

/// <summary>
/// The story's event log: every change readers must see, numbered 1, 2, 3... per story. A reader that
/// reconnects with Last-Event-ID gets exactly the entries after it.
/// </summary>
public sealed class LiveEvent
{
    public long Id { get; set; }
    public int ArticleId { get; set; }
    public int Sequence { get; set; }
    public required string Type { get; set; }
    public DateTime At { get; set; }

    /// <summary>The JSON a reader's page needs to apply the change, as it was when the event happened.</summary>
    public required string Data { get; set; }
}

public static class LiveEventTypes
{
    public const string Update = "update";
    public const string Edit = "edit";
    public const string Delete = "delete";
    public const string Pin = "pin";
    public const string Ended = "ended";

    /// <summary>Coverage went live again after an <see cref="Ended"/>; later events follow as before.</summary>
    public const string Resumed = "resumed";
}
