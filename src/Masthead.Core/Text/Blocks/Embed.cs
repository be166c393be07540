namespace Masthead.Core.Text.Blocks;

/// <summary>
/// How an embed keeps its space before and after it loads, as a class in site.css: an aspect ratio for video
/// ("ratio-16x9") or a fixed height for players, posts and charts ("height-450"), so nothing on the page moves.
/// </summary>
public static class EmbedShape
{
    public const string Widescreen = "ratio-16x9";
    public const string Standard = "ratio-4x3";
    public const string Portrait = "ratio-9x16";

    /// <summary>Heights site.css has a class for, in CSS pixels.</summary>
    public static readonly int[] Heights = [152, 166, 175, 232, 300, 352, 400, 450, 500, 550, 600, 650, 700, 750, 800];

    /// <summary>The class of the nearest height site.css has.</summary>
    public static string Height(int pixels) => $"height-{Heights.MinBy(h => Math.Abs(h - pixels))}";

    /// <summary>The nearest shape to a frame of <paramref name="width"/> by <paramref name="height"/>, either of which may be unknown.</summary>
    public static string Of(int? width, int? height) => (width, height) switch
    {
        ( > 0 and var w, > 0 and var h) when w > h => (double)w / h > 1.55 ? Widescreen : Standard,
        ( > 0 and var w, > 0 and var h) when h > w * 1.5 => Portrait,
        (_, > 0 and var h) => Height(h),
        _ => Widescreen,
    };
}

/// <summary>
/// Third-party content a reader may choose to load: who provides it, the address of its player or post to frame
/// (<paramref name="FrameSrc"/>), the address to open it at (<paramref name="Link"/>), its shape, and what loading it
/// does ("Play the video").
/// </summary>
public sealed record Embed(string Provider, string FrameSrc, string Link, string Shape, string Action)
{
    /// <summary>The host the frame loads from, as the Content-Security-Policy's frame-src names it.</summary>
    public string FrameHost => new Uri(FrameSrc).Host;
}
