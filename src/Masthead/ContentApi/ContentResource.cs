namespace Masthead.ContentApi;

/// <summary>One of the Content API's resources: its names (for URLs and error messages), the fields it has and what it may include.</summary>
internal sealed record ContentResource(string Name, string Singular, IReadOnlyList<string> Fields, IReadOnlyList<string> Includes, bool HasFormats)
{
    /// <summary>Fields posts and pages share, as Ghost names them.</summary>
    private static readonly string[] DocumentFields =
    [
        "id", "uuid", "title", "slug", "html", "plaintext", "comment_id", "feature_image", "feature_image_alt", "feature_image_caption",
        "featured", "visibility", "created_at", "updated_at", "published_at", "custom_excerpt", "codeinjection_head", "codeinjection_foot",
        "custom_template", "canonical_url", "url", "excerpt", "reading_time", "access", "comments", "og_image", "og_title",
        "og_description", "twitter_image", "twitter_title", "twitter_description", "meta_title", "meta_description", "email_subject",
        "frontmatter",
    ];

    public static readonly ContentResource Posts = new("posts", "post", [.. DocumentFields, "live", "corrections"], ["authors", "tags"], HasFormats: true);

    public static readonly ContentResource Pages = new("pages", "page", [.. DocumentFields, "show_title_and_feature_image"], ["authors", "tags"], HasFormats: true);

    public static readonly ContentResource Authors = new("authors", "author",
    [
        "id", "name", "slug", "profile_image", "cover_image", "bio", "website", "location", "facebook", "twitter", "threads", "bluesky",
        "mastodon", "tiktok", "youtube", "instagram", "linkedin", "meta_title", "meta_description", "url", "job_title",
    ], ["count.posts"], HasFormats: false);

    public static readonly ContentResource Tags = new("tags", "tag",
    [
        "id", "name", "slug", "description", "feature_image", "visibility", "og_image", "og_title", "og_description", "twitter_image",
        "twitter_title", "twitter_description", "meta_title", "meta_description", "codeinjection_head", "codeinjection_foot",
        "canonical_url", "accent_color", "url",
    ], ["count.posts"], HasFormats: false);

    public static readonly ContentResource Settings = new("settings", "setting", [], [], HasFormats: false);

    /// <summary>"list posts" or "read post", as Ghost's error messages say.</summary>
    public string Action(bool browse) => browse ? $"list {Name}" : $"read {Singular}";

    /// <summary>"Post not found.", as Ghost says it.</summary>
    public string NotFound => $"{char.ToUpperInvariant(Singular[0])}{Singular[1..]} not found.";
}
