namespace Masthead.Core.Audit;

/// <summary>One consequential newsroom action: who did what to which article or person, and when.</summary>
public sealed class AuditEntry
{
    public const int MaxDetailsLength = 2000;

    public long Id { get; set; }
    public DateTime At { get; set; }
    public int? ActorId { get; set; }
    public string ActorName { get; set; } = "";
    public required string Action { get; set; }
    public int? ArticleId { get; set; }
    public string Details { get; set; } = "";
}
