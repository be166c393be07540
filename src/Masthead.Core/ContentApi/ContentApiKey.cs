namespace Masthead.Core.ContentApi;

/// <summary>
/// A key for the read-only Content API. Like Ghost's content keys it is public by design: it ships
/// inside themes and apps, so it only ever unlocks what readers can already see.
/// </summary>
public sealed class ContentApiKey
{
    public const int MaxNameLength = 100;
    public const int SecretLength = 26;

    public int Id { get; set; }
    public required string Name { get; set; }

    /// <summary>26 lowercase hexadecimal characters, as Ghost's content keys.</summary>
    public required string Secret { get; set; }

    public DateTime CreatedAt { get; set; }
    public int? CreatedById { get; set; }
    public DateTime? RevokedAt { get; set; }
}
