using System.Text.Json;
using Masthead.Core.ContentApi;
using Masthead.Core.Live;

namespace Masthead.ContentApi;

/// <summary>A post's <c>live</c> field, a Masthead addition: a developing story's coverage.</summary>
internal static class LiveJson
{
    /// <summary>Null unless the article is or was a developing story; then its state, the event stream's address and the updates, newest first.</summary>
    public static void Write(Utf8JsonWriter json, ContentPost post, ContentOutput output)
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
