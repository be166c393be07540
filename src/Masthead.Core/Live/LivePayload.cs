using System.Text.Json;
using Masthead.Core.Publication;

namespace Masthead.Core.Live;

/// <summary>The JSON each event carries to readers' pages. Bodies are already sanitized HTML.</summary>
internal static class LivePayload
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Update(LiveUpdate update, int? pinnedId, PublicationInfo info) => JsonSerializer.Serialize(new
    {
        id = update.Id,
        title = update.Title,
        headline = update.Title ?? Text.Excerpts.Shorten(Markdig.Markdown.ToPlainText(update.BodyMarkdown).Trim(), 80),
        html = update.BodyHtml,
        author = update.AuthorName,
        authorUrl = update.AuthorSlug is null ? null : $"/author/{update.AuthorSlug}",
        posted = info.Clock.FormatIso(update.PostedAt),
        postedText = info.Clock.FormatDateTime(update.PostedAt),
        postedTime = info.Clock.FormatTime(update.PostedAt),
        edited = update.EditedAt is { } edited ? info.Clock.FormatIso(edited) : null,
        editedText = update.EditedAt is { } editedAt ? info.Clock.FormatDateTime(editedAt) : null,
        key = update.IsKey,
        pinned = pinnedId == update.Id,
    }, Json);

    public static string Id(int? id) => JsonSerializer.Serialize(new { id }, Json);

    public static string Ended(DateTime endedAt, PublicationInfo info) =>
        JsonSerializer.Serialize(new { ended = info.Clock.FormatIso(endedAt), endedText = info.Clock.FormatDateTime(endedAt) }, Json);

    public static string Resumed(DateTime startedAt, PublicationInfo info) =>
        JsonSerializer.Serialize(new { started = info.Clock.FormatIso(startedAt), startedText = info.Clock.FormatDateTime(startedAt) }, Json);
}
