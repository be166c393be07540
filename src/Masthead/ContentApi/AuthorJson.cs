using System.Text.Json;
using Masthead.Core.ContentApi;

namespace Masthead.ContentApi;

/// <summary>
/// A staff member as a Ghost author. Masthead keeps a photo, a bio and a job title; Ghost's social and SEO fields
/// are null. <c>job_title</c> is a Masthead-only addition, since bylines here carry one.
/// </summary>
internal static class AuthorJson
{
    private static readonly string[] Absent =
    [
        "cover_image", "website", "location", "facebook", "twitter", "threads", "bluesky", "mastodon", "tiktok", "youtube",
        "instagram", "linkedin", "meta_title", "meta_description",
    ];

    /// <param name="nested">Inside a post: every field, whatever fields= asked of the post.</param>
    public static void Write(Utf8JsonWriter json, ContentAuthor author, ContentOutput output, bool nested = false)
    {
        json.WriteStartObject();
        if (nested || output.Wants("id"))
        {
            json.WriteId("id", author.Id);
        }

        if (nested || output.Wants("name"))
        {
            json.WriteString("name", author.Name);
        }

        if (nested || output.Wants("slug"))
        {
            json.WriteString("slug", author.Slug);
        }

        if (nested || output.Wants("profile_image"))
        {
            json.WriteUrl("profile_image", author.PhotoUrl, output);
        }

        if (nested || output.Wants("bio"))
        {
            json.WriteText("bio", author.Bio);
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
            json.WriteUrl("url", author.Path, output);
        }

        if (nested || output.Wants("job_title"))
        {
            json.WriteText("job_title", author.JobTitle);
        }

        if (!nested && author.PostCount is { } posts)
        {
            json.WriteStartObject("count");
            json.WriteNumber("posts", posts);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }
}
