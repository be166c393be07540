namespace Masthead.Core.Import.WordPress;

/// <summary>What a WXR file holds, one entry at a time, in the file's order.</summary>
internal abstract record WxrEntry;

internal sealed record WxrSite(string Title, string BaseUrl) : WxrEntry;

internal sealed record WxrAuthor(string Login, string Email, string DisplayName, string FirstName, string LastName) : WxrEntry;

/// <param name="Taxonomy">category, post_tag, or another (author for co-authors, nav_menu...).</param>
internal sealed record WxrTerm(string Taxonomy, string Slug, string Name, string Description) : WxrEntry;

/// <param name="Terms">The item's categories, tags and co-authors (taxonomy, slug, name), in the file's order.</param>
/// <param name="Meta">Its post meta (<c>_thumbnail_id</c>, <c>_wp_attached_file</c>, <c>_wp_attachment_image_alt</c>...).</param>
/// <param name="Line">Where the item starts in the file, for messages.</param>
internal sealed record WxrItem(
    string Id,
    string Type,
    string Status,
    string Title,
    string Slug,
    string Link,
    string Creator,
    string Content,
    string Excerpt,
    DateTime? Date,
    DateTime? Modified,
    string Parent,
    string AttachmentUrl,
    IReadOnlyList<(string Taxonomy, string Slug, string Name)> Terms,
    IReadOnlyDictionary<string, string> Meta,
    int Comments,
    int Line) : WxrEntry;
