using System.Security.Cryptography;
using System.Text;

namespace Masthead.Core.Live;

/// <summary>One timestamped entry in a developing story. Deleting keeps the row, so the deletion can be replayed.</summary>
public sealed class LiveUpdate
{
    public const int MaxTitleLength = 200;
    public const int MaxBodyLength = 20_000;

    public int Id { get; set; }
    public int ArticleId { get; set; }
    public string? Title { get; set; }
    public string BodyMarkdown { get; set; } = "";
    public string BodyHtml { get; set; } = "";
    public int? AuthorId { get; set; }
    public string AuthorName { get; set; } = "";
    public string? AuthorSlug { get; set; }
    public DateTime PostedAt { get; set; }
    public DateTime? EditedAt { get; set; }
    public bool IsKey { get; set; }
    public DateTime? DeletedAt { get; set; }

    /// <summary>
    /// A short fingerprint of an update's text. The desk's edit form carries the one it was opened with, so an edit
    /// over a text someone else has changed since is refused instead of silently replacing theirs.
    /// </summary>
    public static string BasisOf(string? title, string bodyMarkdown) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{title}\n{bodyMarkdown}")))[..16];
}

public enum CoverageStatus
{
    None,
    Live,
    Ended,
}
