using Masthead.Core.Caching;

namespace Masthead.Core.Banner;

/// <summary>A banner as readers see it. <see cref="Path"/> is the linked story's address, when it links to one.</summary>
public sealed record BannerView(int Id, string Label, string Text, string? Path, DateTime? ExpiresAt)
{
    /// <summary>Whether it is still up at <paramref name="now"/>: it comes down by itself at its expiry.</summary>
    public bool IsUpAt(DateTime now) => ExpiresAt is null || ExpiresAt > now;
}

/// <summary>What an editor writes into a banner. <see cref="ExpiresAt"/> is UTC; null keeps it up until it is lowered.</summary>
public sealed record BannerInput(string? Label, string? Text, int? ArticleId, DateTime? ExpiresAt);

/// <summary>A banner in the newsroom's history: when it went up, who raised it, and when and why it came down.</summary>
public sealed record BannerRecord(int Id, string Label, string Text, string? Headline, DateTime RaisedAt, string RaisedBy, DateTime? ExpiresAt, DateTime? LoweredAt,
    string? LoweredBy);

/// <summary>A story the banner form offers to link to.</summary>
public sealed record BannerStory(int Id, string Headline, string Path, bool IsLive);

/// <summary>The newest banner not lowered, as of the last change (it may have expired since); cleared on every change.</summary>
public sealed record BannerSnapshot(BannerView? Banner);

public sealed class BannerCache : ClearableValue<BannerSnapshot>;
