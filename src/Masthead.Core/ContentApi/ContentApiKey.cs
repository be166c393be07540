namespace Masthead.Core.ContentApi;

/// <summary>
/// A key for the read-only Content API. Like Ghost's content keys it is public by design: it ships
/// inside themes and apps, so it only ever unlocks what readers can already see. An Admin API key
/// (<see cref="AdminRole"/> set) is Ghost's id:secret pair instead: <see cref="Secret"/> holds the public id,
/// <see cref="AdminSecret"/> the secret its tokens are signed with, and it acts in the newsroom with its role.
/// </summary>
public sealed class ContentApiKey
{
    public const int MaxNameLength = 100;
    public const int SecretLength = 26;

    /// <summary>Ghost's Admin API key ids are 24 hexadecimal characters, its secrets 64.</summary>
    public const int AdminIdLength = 24;

    public const int AdminSecretLength = 64;

    public int Id { get; set; }
    public required string Name { get; set; }

    /// <summary>26 lowercase hexadecimal characters, as Ghost's content keys.</summary>
    public required string Secret { get; set; }

    /// <summary>Null for a Content API key; the role an Admin API key acts with.</summary>
    public People.NewsroomRole? AdminRole { get; set; }

    public string? AdminSecret { get; set; }

    public DateTime CreatedAt { get; set; }
    public int? CreatedById { get; set; }
    public DateTime? RevokedAt { get; set; }
}
