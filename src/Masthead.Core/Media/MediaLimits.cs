namespace Masthead.Core.Media;

/// <summary>What an upload may be, checked before any pixel is decoded.</summary>
/// <param name="MaxBytes">The largest file (Masthead__Media__MaxUploadMegabytes, 25 by default).</param>
/// <param name="MaxPixels">The most pixels, all frames of an animation together (Masthead__Media__MaxMegapixels, 50 by default).</param>
/// <param name="MaxSide">The longest side in pixels (Masthead__Media__MaxSidePixels, 20,000 by default).</param>
public sealed record MediaLimits(long MaxBytes, long MaxPixels, int MaxSide)
{
    public static MediaLimits Default { get; } = new(25L * 1024 * 1024, 50_000_000, 20_000);
}
