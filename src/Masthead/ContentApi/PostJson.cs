using System.Net;
using System.Text.Json;
using Masthead.Core.Articles;
using Masthead.Core.ContentApi;
using Masthead.Core.Live;

namespace Masthead.ContentApi;

/// <summary>
/// Posts and pages in Ghost's shape. Masthead's standfirst is Ghost's custom_excerpt, the lead image its
/// feature_image; what Masthead does not have is null, as Ghost answers it. Two Masthead-only fields are added
/// to posts, never renaming Ghost's: <c>live</c> (a developing story's coverage) and <c>corrections</c>.
/// </summary>
internal static class PostJson
{
    public static void Write(Utf8JsonWriter json, ContentPost post, ContentOutput output)
    {
        json.WriteStartObject();
        Start(json, post.Id, post.Uuid, post.Title, post.Slug, post.Html, post.Plaintext, output);
        if (output.Wants("feature_image"))
        {
            json.WriteUrl("feature_image", post.Image?.Url, output);
        }

        if (output.Wants("featured"))
        {
            json.WriteBoolean("featured", post.Featured);
        }

        Dates(json, post.CreatedAt, post.UpdatedAt, post.PublishedAt, output);
        if (output.Wants("custom_excerpt"))
        {
            json.WriteText("custom_excerpt", post.Standfirst);
        }

        json.WriteNulls(output, "codeinjection_head", "codeinjection_foot", "custom_template", "canonical_url");
        Relations(json, post.Authors, post.Tags, output);
        Middle(json, post.Path, post.Standfirst.Length > 0 ? post.Standfirst : post.AutoExcerpt, post.ReadingMinutes, output);
        if (output.Wants("feature_image_alt"))
        {
            json.WriteText("feature_image_alt", post.Image?.Alt);
        }

        if (output.Wants("feature_image_caption"))
        {
            json.WriteText("feature_image_caption", Caption(post.Image));
        }

        if (output.Wants("live"))
        {
            Live(json, post, output);
        }

        if (output.Wants("corrections"))
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

        json.WriteEndObject();
    }

    public static void Write(Utf8JsonWriter json, ContentStaticPage page, ContentOutput output)
    {
        json.WriteStartObject();
        Start(json, page.Id, page.Uuid, page.Title, page.Slug, page.Html, page.Plaintext, output);
        json.WriteNulls(output, "feature_image");
        if (output.Wants("featured"))
        {
            json.WriteBoolean("featured", false);
        }

        Dates(json, page.UpdatedAt, page.UpdatedAt, page.UpdatedAt, output);
        json.WriteNulls(output, "custom_excerpt", "codeinjection_head", "codeinjection_foot", "custom_template", "canonical_url");
        Relations(json, output.Includes(ContentIncludes.Authors) ? [] : null, output.Includes(ContentIncludes.Tags) ? [] : null, output);
        Middle(json, page.Path, page.AutoExcerpt, page.ReadingMinutes, output);
        json.WriteNulls(output, "feature_image_alt", "feature_image_caption");
        if (output.Wants("show_title_and_feature_image"))
        {
            json.WriteBoolean("show_title_and_feature_image", true);
        }

        json.WriteEndObject();
    }

    private static void Start(Utf8JsonWriter json, int id, Guid uuid, string title, string slug, string? html, string? plaintext, ContentOutput output)
    {
        if (output.Wants("id"))
        {
            json.WriteId("id", id);
        }

        if (output.Wants("uuid"))
        {
            json.WriteString("uuid", uuid);
        }

        if (output.Wants("title"))
        {
            json.WriteString("title", title);
        }

        if (output.Wants("slug"))
        {
            json.WriteString("slug", slug);
        }

        if (output.Html)
        {
            json.WriteString("html", ContentJson.AbsoluteLinks(html ?? "", output.BaseUrl));
        }

        if (output.Plaintext && plaintext is { Length: > 0 })
        {
            json.WriteString("plaintext", plaintext);
        }

        if (output.Wants("comment_id"))
        {
            json.WriteId("comment_id", id);
        }
    }

    private static void Dates(Utf8JsonWriter json, DateTime created, DateTime updated, DateTime published, ContentOutput output)
    {
        if (output.Wants("visibility"))
        {
            json.WriteString("visibility", "public");
        }

        if (output.Wants("created_at"))
        {
            json.WriteDate("created_at", created, output);
        }

        if (output.Wants("updated_at"))
        {
            json.WriteDate("updated_at", updated, output);
        }

        if (output.Wants("published_at"))
        {
            json.WriteDate("published_at", published, output);
        }
    }

    /// <summary>authors and tags when included, with the first of each as primary_author and primary_tag.</summary>
    private static void Relations(Utf8JsonWriter json, IReadOnlyList<ContentAuthor>? authors, IReadOnlyList<ContentTag>? tags, ContentOutput output)
    {
        if (tags is not null)
        {
            json.WriteStartArray("tags");
            foreach (var tag in tags)
            {
                TagJson.Write(json, tag, output, nested: true);
            }

            json.WriteEndArray();
        }

        if (authors is not null)
        {
            json.WriteStartArray("authors");
            foreach (var author in authors)
            {
                AuthorJson.Write(json, author, output, nested: true);
            }

            json.WriteEndArray();
            json.WritePropertyName("primary_author");
            if (authors.Count > 0)
            {
                AuthorJson.Write(json, authors[0], output, nested: true);
            }
            else
            {
                json.WriteNullValue();
            }
        }

        if (tags is not null)
        {
            json.WritePropertyName("primary_tag");
            if (tags.Count > 0)
            {
                TagJson.Write(json, tags[0], output, nested: true);
            }
            else
            {
                json.WriteNullValue();
            }
        }
    }

    private static void Middle(Utf8JsonWriter json, string path, string? excerpt, int readingMinutes, ContentOutput output)
    {
        if (output.Wants("url"))
        {
            json.WriteUrl("url", path, output);
        }

        if (output.Wants("excerpt"))
        {
            json.WriteText("excerpt", excerpt);
        }

        if (output.Wants("reading_time"))
        {
            json.WriteNumber("reading_time", readingMinutes);
        }

        if (output.Wants("access"))
        {
            json.WriteBoolean("access", true);
        }

        if (output.Wants("comments"))
        {
            json.WriteBoolean("comments", false);
        }

        json.WriteNulls(output, "og_image", "og_title", "og_description", "twitter_image", "twitter_title", "twitter_description",
            "meta_title", "meta_description", "email_subject", "frontmatter");
    }

    /// <summary>Ghost's caption is HTML; Masthead's caption and credit are plain text, so they are escaped and joined.</summary>
    private static string? Caption(LeadImageView? image)
    {
        if (image is null)
        {
            return null;
        }

        var parts = new[] { image.Caption, image.Credit }.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => WebUtility.HtmlEncode(p!.Trim()));
        var caption = string.Join(" ", parts);
        return caption.Length == 0 ? null : caption;
    }

    /// <summary>Null unless the article is or was a developing story; then its state, the event stream's address and the updates, newest first.</summary>
    private static void Live(Utf8JsonWriter json, ContentPost post, ContentOutput output)
    {
        if (post.Live is not { } live)
        {
            json.WriteNull("live");
            return;
        }

        json.WriteStartObject("live");
        json.WriteString("status", live.Status == CoverageStatus.Live ? "live" : "ended");
        json.WriteDate("started_at", live.StartedAt, output);
        json.WriteDate("ended_at", live.EndedAt, output);
        json.WriteUrl("stream_url", post.Path + "/live", output);
        json.WriteNumber("update_count", live.UpdateCount);
        json.WriteStartArray("updates");
        foreach (var update in live.Updates)
        {
            json.WriteStartObject();
            json.WriteId("id", update.Id);
            json.WriteText("title", update.Title);
            json.WriteString("html", ContentJson.AbsoluteLinks(update.BodyHtml, output.BaseUrl));
            json.WriteStartObject("author");
            json.WriteString("name", update.AuthorName);
            json.WriteText("slug", update.AuthorSlug);
            json.WriteEndObject();
            json.WriteDate("posted_at", update.PostedAt, output);
            json.WriteDate("edited_at", update.EditedAt, output);
            json.WriteBoolean("key", update.IsKey);
            json.WriteBoolean("pinned", update.Id == live.PinnedUpdateId);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
