using System.Text.Json;
using Masthead.Core.Articles;
using Masthead.Core.ContentApi;

namespace Masthead.ContentApi;

/// <summary>
/// Posts, pages, authors and tags in Ghost's shape, each field declared once. Masthead's standfirst is Ghost's
/// custom_excerpt, the lead image its feature_image; what Masthead does not have is null, as Ghost answers it.
/// Masthead-only additions never rename Ghost's fields: <c>live</c> and <c>corrections</c> on posts, <c>job_title</c> on authors.
/// Addresses end in a slash, as Ghost's do (the site answers both forms). Every tag's url is /tag/{slug}/, a section's
/// too: front ends built for Ghost route tags by that shape, and the site sends /tag/{section}/ on to /section/{section}.
/// </summary>
internal static class GhostResources
{
    public static readonly GhostFields<ContentAuthor> AuthorFields = new GhostFields<ContentAuthor>()
        .Add("id", (json, a, _) => json.WriteId("id", a.Id))
        .String("name", a => a.Name)
        .String("slug", a => a.Slug)
        .Url("profile_image", a => a.PhotoUrl)
        .Text("bio", a => a.Bio)
        .Nulls("cover_image", "website", "location", "facebook", "twitter", "threads", "bluesky", "mastodon", "tiktok", "youtube",
            "instagram", "linkedin", "meta_title", "meta_description")
        .Address("url", a => a.Path)
        .Text("job_title", a => a.JobTitle)
        .Included((json, a, _) => WriteCount(json, a.PostCount), topLevelOnly: true);

    /// <summary>A section or a tag as a Ghost tag: name, slug, description and the page that lists its articles.</summary>
    public static readonly GhostFields<ContentTag> TagFields = new GhostFields<ContentTag>()
        .Id("id", t => t.Id)
        .String("name", t => t.Name)
        .String("slug", t => t.Slug)
        .Text("description", t => t.Description)
        .Nulls("feature_image")
        .Constant("visibility", "public")
        .Nulls("og_image", "og_title", "og_description", "twitter_image", "twitter_title", "twitter_description", "meta_title",
            "meta_description", "codeinjection_head", "codeinjection_foot", "canonical_url", "accent_color")
        .Address("url", t => "/tag/" + t.Slug)
        .Included((json, t, _) => WriteCount(json, t.PostCount), topLevelOnly: true);

    /// <summary>
    /// A newsletter as Ghost's Content API shows one: what a reader can join, never who has. Masthead keeps no uuid,
    /// sender or dates for a newsletter (its mail goes from the publication's address), so those are null.
    /// </summary>
    public static readonly GhostFields<ContentNewsletter> NewsletterFields = new GhostFields<ContentNewsletter>()
        .Add("id", (json, n, _) => json.WriteId("id", n.Id))
        .Nulls("uuid")
        .String("name", n => n.Name)
        .Text("description", n => n.Description)
        .String("slug", n => n.Slug)
        .Nulls("sender_email")
        .Boolean("subscribe_on_signup", n => n.SubscribeOnSignup)
        .Constant("visibility", "members")
        .Number("sort_order", n => n.SortOrder)
        .Nulls("created_at", "updated_at");

    /// <summary>What posts and pages share.</summary>
    private static readonly GhostFields<ContentPost> DocumentFields = new GhostFields<ContentPost>()
        .Add("id", (json, p, _) => WritePostId(json, "id", p))
        .Add("uuid", (json, p, _) => json.WriteString("uuid", p.Uuid))
        .String("title", p => p.Title)
        .String("slug", p => p.Slug)
        .Format("html", (json, p, output) =>
        {
            if (output.Html)
            {
                json.WriteString("html", ContentJson.AbsoluteLinks(p.Html ?? "", output.BaseUrl));
            }
        })
        .Format("plaintext", (json, p, output) =>
        {
            if (output.Plaintext && p.Plaintext is { Length: > 0 })
            {
                json.WriteString("plaintext", p.Plaintext);
            }
        })
        .Add("comment_id", (json, p, _) => WritePostId(json, "comment_id", p))
        .Url("feature_image", p => p.Image?.Url)
        .Boolean("featured", p => p.Featured)
        .Constant("visibility", "public")
        .Date("created_at", p => p.CreatedAt)
        .Date("updated_at", p => p.UpdatedAt)
        .Date("published_at", p => p.PublishedAt)
        .Text("custom_excerpt", p => p.Standfirst)
        .Nulls("codeinjection_head", "codeinjection_foot", "custom_template", "canonical_url")
        .Included(Relations)
        .Address("url", p => p.Path)
        .Text("excerpt", p => p.Standfirst.Length > 0 ? p.Standfirst : p.AutoExcerpt)
        .Number("reading_time", p => p.ReadingMinutes)
        .Boolean("access", _ => true)
        .Boolean("comments", _ => false)
        .Nulls("og_image", "og_title", "og_description", "twitter_image", "twitter_title", "twitter_description", "meta_title",
            "meta_description", "email_subject", "frontmatter")
        .Text("feature_image_alt", p => p.Image?.Alt)
        .Text("feature_image_caption", p => Core.Export.GhostAddresses.Caption(p.Image?.Caption, p.Image?.Credit));

    public static readonly GhostFields<ContentPost> PostFields = DocumentFields.Extend()
        .Add("live", (json, p, output) => LiveJson.Write(json, p, output))
        .Add("corrections", WriteCorrections);

    public static readonly GhostFields<ContentPost> PageFields = DocumentFields.Extend()
        .Boolean("show_title_and_feature_image", _ => true);

    public static readonly GhostResource<ContentPost> Posts = new("posts", "post", PostFields, ["authors", "tags"], hasFormats: true);

    public static readonly GhostResource<ContentPost> Pages = new("pages", "page", PageFields, ["authors", "tags"], hasFormats: true);

    public static readonly GhostResource<ContentAuthor> Authors = new("authors", "author", AuthorFields, ["count.posts"], hasFormats: false);

    public static readonly GhostResource<ContentTag> Tags = new("tags", "tag", TagFields, ["count.posts"], hasFormats: false);

    public static readonly GhostResource<ContentNewsletter> Newsletters = new("newsletters", "newsletter", NewsletterFields, [], hasFormats: false);

    public static readonly GhostResource Settings = new("settings", "setting", [], [], hasFormats: false);

    private static void WritePostId(Utf8JsonWriter json, string name, ContentPost post)
    {
        if (post.IsPage)
        {
            json.WriteString(name, post.GhostId);
        }
        else
        {
            json.WriteId(name, post.Id);
        }
    }

    private static void WriteCount(Utf8JsonWriter json, int? posts)
    {
        if (posts is { } count)
        {
            json.WriteStartObject("count");
            json.WriteNumber("posts", count);
            json.WriteEndObject();
        }
    }

    /// <summary>authors and tags when included, with the first of each as primary_author and primary_tag.</summary>
    private static void Relations(Utf8JsonWriter json, ContentPost post, ContentOutput output)
    {
        if (post.Tags is { } tags)
        {
            json.WriteStartArray("tags");
            foreach (var tag in tags)
            {
                TagFields.Write(json, tag, output, nested: true);
            }

            json.WriteEndArray();
        }

        if (post.Authors is { } authors)
        {
            json.WriteStartArray("authors");
            foreach (var author in authors)
            {
                AuthorFields.Write(json, author, output, nested: true);
            }

            json.WriteEndArray();
            json.WritePropertyName("primary_author");
            if (authors.Count > 0)
            {
                AuthorFields.Write(json, authors[0], output, nested: true);
            }
            else
            {
                json.WriteNullValue();
            }
        }

        if (post.Tags is { } primary)
        {
            json.WritePropertyName("primary_tag");
            if (primary.Count > 0)
            {
                TagFields.Write(json, primary[0], output, nested: true);
            }
            else
            {
                json.WriteNullValue();
            }
        }
    }

    private static void WriteCorrections(Utf8JsonWriter json, ContentPost post, ContentOutput output)
    {
        json.WriteStartArray("corrections");
        foreach (var note in post.Notes)
        {
            json.WriteStartObject();
            json.WriteString("kind", note.Kind.ToString().ToLowerInvariant());
            json.WriteString("text", note.Text);
            json.WriteDate("at", note.PublishedAt, output);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
