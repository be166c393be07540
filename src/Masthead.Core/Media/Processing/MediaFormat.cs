namespace Masthead.Core.Media.Processing;

/// <summary>A kind of file the library takes, as found in its first bytes.</summary>
public sealed record MediaFormat(string Name, string ContentType, string Extension, MediaKind Kind)
{
    public static readonly MediaFormat Jpeg = new("JPEG", "image/jpeg", "jpg", MediaKind.Image);
    public static readonly MediaFormat Png = new("PNG", "image/png", "png", MediaKind.Image);
    public static readonly MediaFormat Gif = new("GIF", "image/gif", "gif", MediaKind.Image);
    public static readonly MediaFormat WebP = new("WebP", "image/webp", "webp", MediaKind.Image);
    public static readonly MediaFormat Avif = new("AVIF", "image/avif", "avif", MediaKind.Image);
    public static readonly MediaFormat Heic = new("HEIC", "image/heic", "heic", MediaKind.Image);
    public static readonly MediaFormat Svg = new("SVG", "image/svg+xml", "svg", MediaKind.Image);
    public static readonly MediaFormat Pdf = new("PDF", "application/pdf", "pdf", MediaKind.Document);

    public const string Accepted = "JPEG, PNG, WebP, AVIF, GIF, HEIC (where the server can read it), SVG (administrators) or PDF";

    public bool IsRaster => Kind == MediaKind.Image && this != Svg;
}
