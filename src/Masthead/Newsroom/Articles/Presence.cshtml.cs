using Masthead.Core.Articles;
using Masthead.Core.Publishing;
using Masthead.Newsroom.Presence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Masthead.Newsroom.Articles;

/// <summary>
/// Who else has an article open in the editor: as JSON, or, asked for text/event-stream as the editor's script
/// asks, as a stream that counts the person present while it is open (see <see cref="PresenceStream"/>). Only for
/// the newsroom's signed-in staff, every one of whom may open every article.
/// </summary>
public sealed class PresencePage(ArticlePresence presence, ArticleChangeQueries articles) : NewsroomPage
{
    /// <param name="version">The version the editor page shows; the stream says when someone else moves the article past it.</param>
    public async Task<IActionResult> OnGetAsync(int id, int? version, CancellationToken cancellationToken)
    {
        var latest = await articles.LatestAsync(id, cancellationToken) ?? throw new NotFoundException($"There is no article {id}.");
        if (Request.GetTypedHeaders().Accept.Any(accept => accept.MediaType.Equals("text/event-stream", StringComparison.OrdinalIgnoreCase)))
        {
            return new PresenceStream(presence, id, Actor, version ?? latest.Version);
        }

        return new JsonResult(new { editors = presence.Present(id, Actor.StaffId).Select(e => new { e.Name, Since = DateTime.SpecifyKind(e.Since, DateTimeKind.Utc) }) });
    }
}
