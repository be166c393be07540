using Masthead.Core.Media;

namespace Masthead.Media;

/// <summary>The media library's JSON shapes (camelCase), as the newsroom's screens read them.</summary>
internal static class MediaJson
{
    public static ItemJson Item(MediaItemView item, MediaUrls urls) => new(
        item.Id,
        item.Key,
        item.Kind == MediaKind.Image ? "image" : "document",
        item.FileName,
        item.ContentType,
        item.ByteSize,
        item.Width,
        item.Height,
        item.Animated,
        item.ContentHash,
        item.UploadedById is { } id ? new PersonJson(id, item.UploadedByName ?? "") : null,
        item.UploadedAt,
        item.UpdatedAt,
        item.Alt,
        item.Caption,
        item.Credit,
        new FocalPointJson(item.FocalX, item.FocalY),
        item.Address,
        item.Display is { } display ? urls.File(display) : null,
        item.Social is { } social ? new FileJson(urls.File(social), social.Width, social.Height, social.ContentType, social.ByteSize, "social") : null,
        [.. item.Files.Select(f => new FileJson(urls.File(f), f.Width, f.Height, f.ContentType, f.ByteSize, RoleName(f.Role)))]);

    public static UseJson Use(MediaUseView use) => new(PlaceName(use.Place), use.OwnerId, use.Title, use.Status, use.Path, use.Shown);

    private static string RoleName(MediaVariantRole role) => role switch
    {
        MediaVariantRole.Responsive => "width",
        MediaVariantRole.Social => "social",
        MediaVariantRole.Vector => "vector",
        _ => "document",
    };

    public static string PlaceName(MediaPlace place) => place switch
    {
        MediaPlace.ArticleLeadImage => "article-lead-image",
        MediaPlace.ArticleBody => "article-body",
        MediaPlace.StaticPage => "static-page",
        MediaPlace.StaffPhoto => "staff-photo",
        _ => "publication-logo",
    };

    /// <param name="Url">The item's own address, which stays the same when its file is replaced: what content should use.</param>
    /// <param name="FileUrl">The file that address serves now (the largest width, the SVG or the PDF).</param>
    internal sealed record ItemJson(
        int Id, string Key, string Kind, string FileName, string ContentType, long Size, int? Width, int? Height, bool Animated,
        string Hash, PersonJson? UploadedBy, DateTime UploadedAt, DateTime UpdatedAt, string Alt, string? Caption, string? Credit,
        FocalPointJson FocalPoint, string Url, string? FileUrl, FileJson? SocialImage, IReadOnlyList<FileJson> Files);

    internal sealed record PersonJson(int Id, string Name);

    internal sealed record FocalPointJson(double X, double Y);

    internal sealed record FileJson(string Url, int Width, int Height, string Type, long Size, string Role);

    internal sealed record UseJson(string Place, int? Id, string Title, string? Status, string? Url, bool Shown);

    internal sealed record DetailJson(ItemJson Item, IReadOnlyList<UseJson> Uses);

    internal sealed record ListJson(IReadOnlyList<ItemJson> Items, int Total, int Page, int Pages, int Limit);

    /// <summary>PATCH body: only what is sent changes.</summary>
    internal sealed record ChangeJson(string? Alt, string? Caption, string? Credit, FocalPointJson? FocalPoint);
}
