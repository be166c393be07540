namespace Masthead.Core.Media;

/// <summary>A file of an item as stored: served at /media/{Path} (or under the bucket's public address).</summary>
public sealed record MediaFile(string Path, MediaVariantRole Role, int Width, int Height, string ContentType, long ByteSize);

/// <summary>A media-library item with every file made from it.</summary>
public sealed record MediaItemView(
    int Id,
    string Key,
    MediaKind Kind,
    string FileName,
    string Name,
    string ContentType,
    long ByteSize,
    int? Width,
    int? Height,
    bool Animated,
    string ContentHash,
    int? UploadedById,
    string? UploadedByName,
    DateTime UploadedAt,
    DateTime UpdatedAt,
    string Alt,
    string? Caption,
    string? Credit,
    double FocalX,
    double FocalY,
    IReadOnlyList<MediaFile> Files)
{
    /// <summary>The item's own address, which stays the same when its file is replaced.</summary>
    public string Address => MediaAddresses.ItemPath(Key, Name);

    public MediaFile? Vector => Files.FirstOrDefault(f => f.Role == MediaVariantRole.Vector);

    public MediaFile? Document => Files.FirstOrDefault(f => f.Role == MediaVariantRole.Document);

    public MediaFile? Social => Files.FirstOrDefault(f => f.Role == MediaVariantRole.Social);

    /// <summary>The widths of one type, narrowest first.</summary>
    public IReadOnlyList<MediaFile> Responsive(string contentType) =>
        [.. Files.Where(f => f.Role == MediaVariantRole.Responsive && f.ContentType == contentType).OrderBy(f => f.Width)];

    /// <summary>The type of the widths that are not WebP: the original's own (JPEG, PNG, GIF), for browsers without WebP.</summary>
    public string? FallbackType =>
        Files.FirstOrDefault(f => f.Role == MediaVariantRole.Responsive && f.ContentType != "image/webp")?.ContentType;

    /// <summary>What the item's address serves: the SVG, the document, or the largest width in the original's kind.</summary>
    public MediaFile? Display => Vector ?? Document ?? (FallbackType is { } type ? Responsive(type)[^1] : null);
}

/// <summary>Somewhere an item is used, for the newsroom's "where used".</summary>
/// <param name="Title">The article's headline, the page's title, the person's name, or the publication's name.</param>
/// <param name="Path">Where readers see it, when they do.</param>
/// <param name="Shown">Readers see it: a published article, a static page, an active person's photo, or the logo.</param>
public sealed record MediaUseView(MediaPlace Place, int? OwnerId, string Title, string? Status, string? Path, bool Shown);

public sealed record MediaItemDetail(MediaItemView Item, IReadOnlyList<MediaUseView> Uses);

/// <param name="Search">Words in the file name, alt text, caption or credit.</param>
/// <param name="Month">yyyy-MM, in UTC.</param>
public sealed record MediaListQuery(string? Search = null, int? UploadedById = null, string? Month = null, MediaKind? Kind = null, int Page = 1, int Limit = 30)
{
    public const int MaxLimit = 100;
}

public sealed record MediaListPage(IReadOnlyList<MediaItemView> Items, int Total, int Page, int Pages, int Limit);

/// <summary>What a person sends with an upload, or to change an item; null leaves a value as it is.</summary>
public sealed record MediaDetails(string? Alt = null, string? Caption = null, string? Credit = null, double? FocalX = null, double? FocalY = null)
{
    public const int AltLength = 500;
    public const int CaptionLength = 1000;
    public const int CreditLength = 300;
}

/// <summary>An uploaded file as received.</summary>
public sealed record MediaUpload(string FileName, byte[] Content, MediaDetails Details);
