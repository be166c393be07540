namespace Masthead.Core.Media;

/// <summary>
/// An image or document in the media library. Readers never get the uploaded file itself: they get its variants,
/// made once at upload (oriented, stripped of every piece of metadata, in sRGB), at addresses that carry the upload's
/// content hash. The item's own address, /media/{Key}/{Name}, stays the same when the file is replaced.
/// </summary>
public sealed class MediaItem
{
    public int Id { get; set; }

    /// <summary>Random, lower-case base32; the part of every address that names this item.</summary>
    public required string Key { get; set; }

    public MediaKind Kind { get; set; }

    /// <summary>The name the file was uploaded with, as shown in the newsroom.</summary>
    public required string FileName { get; set; }

    /// <summary>The last part of the item's address: the file name as a slug, with the extension of its real type.</summary>
    public required string Name { get; set; }

    /// <summary>The type found in the file's content (image/jpeg, application/pdf...), whatever its name or the browser said.</summary>
    public required string ContentType { get; set; }

    /// <summary>The uploaded file's size in bytes.</summary>
    public long ByteSize { get; set; }

    /// <summary>The uploaded image's size in pixels, upright (after its EXIF orientation); null for documents.</summary>
    public int? Width { get; set; }

    public int? Height { get; set; }

    /// <summary>An animated GIF or WebP; its variants stay animated.</summary>
    public bool Animated { get; set; }

    /// <summary>SHA-256 of the uploaded file, in hex; its first characters are in the variants' addresses.</summary>
    public required string ContentHash { get; set; }

    public int? UploadedById { get; set; }
    public People.StaffMember? Uploader { get; set; }
    public DateTime UploadedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>What the image shows, for readers who cannot see it; offered again wherever the image is used.</summary>
    public string Alt { get; set; } = "";

    public string? Caption { get; set; }
    public string? Credit { get; set; }

    /// <summary>The point crops keep in view, as fractions of the width and height from the top left (0.5, 0.5 is the centre).</summary>
    public double FocalX { get; set; } = 0.5;

    public double FocalY { get; set; } = 0.5;

    public List<MediaVariant> Variants { get; set; } = [];

    /// <summary>The part of the content hash in the variants' addresses.</summary>
    public string Version => ContentHash[..MediaAddresses.VersionLength];
}

public enum MediaKind
{
    Image,
    Document,
}

/// <summary>A file served to readers: one width of an image in one format, its social preview, or the document itself.</summary>
public sealed class MediaVariant
{
    public int Id { get; set; }
    public int MediaItemId { get; set; }

    /// <summary>Where it is in the media store, e.g. "k3j4h5g6m2xq/9f8e7d6c5b/640.webp"; served at /media/ followed by this.</summary>
    public required string Path { get; set; }

    public MediaVariantRole Role { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    public required string ContentType { get; set; }
    public long ByteSize { get; set; }
}

public enum MediaVariantRole
{
    /// <summary>One width of a raster image, for srcset.</summary>
    Responsive,

    /// <summary>1200 × 630 (or smaller, never enlarged), cropped around the focal point, for OpenGraph and Twitter cards.</summary>
    Social,

    /// <summary>A sanitized SVG, served as it is at every size.</summary>
    Vector,

    /// <summary>A PDF, served as uploaded.</summary>
    Document,
}
