namespace Masthead.Core.Articles;

/// <summary>
/// An article address that no published article holds: an article renamed since (301 to <see cref="NewPath"/>),
/// one taken down (410 Gone), or one never used (404).
/// </summary>
public sealed record FormerAddress(bool IsGone, string? NewPath)
{
    public static readonly FormerAddress Unknown = new(false, null);
    public static readonly FormerAddress Gone = new(true, null);

    public static FormerAddress MovedTo(string path) => new(false, path);
}
