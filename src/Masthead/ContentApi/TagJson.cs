using System.Text.Json;
using Masthead.Core.ContentApi;

namespace Masthead.ContentApi;

/// <summary>A section or a tag as a Ghost tag: name, slug, description and the page that lists its articles.</summary>
internal static class TagJson
{
    private static readonly string[] Absent =
    [
        "og_image", "og_title", "og_description", "twitter_image", "twitter_title", "twitter_description", "meta_title",
        "meta_description", "codeinjection_head", "codeinjection_foot", "canonical_url", "accent_color",
    ];

    /// <param name="nested">Inside a post: every field, whatever fields= asked of the post.</param>
    public static void Write(Utf8JsonWriter json, ContentTag tag, ContentOutput output, bool nested = false)
    {
        json.WriteStartObject();
        if (nested || output.Wants("id"))
        {
            json.WriteString("id", tag.Id);
        }

        if (nested || output.Wants("name"))
        {
            json.WriteString("name", tag.Name);
        }

        if (nested || output.Wants("slug"))
        {
            json.WriteString("slug", tag.Slug);
        }

        if (nested || output.Wants("description"))
        {
            json.WriteText("description", tag.Description);
        }

        if (nested || output.Wants("feature_image"))
        {
            json.WriteNull("feature_image");
        }

        if (nested || output.Wants("visibility"))
        {
            json.WriteString("visibility", "public");
        }

        foreach (var name in Absent)
        {
            if (nested || output.Wants(name))
            {
                json.WriteNull(name);
            }
        }

        if (nested || output.Wants("url"))
        {
            json.WriteUrl("url", tag.Path, output);
        }

        if (!nested && tag.PostCount is { } posts)
        {
            json.WriteStartObject("count");
            json.WriteNumber("posts", posts);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }
}
