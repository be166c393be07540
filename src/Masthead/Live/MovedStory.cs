using Masthead.Core.Articles;
using Masthead.Core.Text;

namespace Masthead.Live;

/// <summary>
/// A story whose slug changed while readers had it open: its old /live and /live.atom answer 301 to the new
/// address, as its page does. EventSource follows the redirect, with Last-Event-ID, so open pages keep updating.
/// </summary>
internal static class MovedStory
{
    /// <summary>The address the request should go to instead, or null when it names no moved story.</summary>
    public static async Task<string?> NewAddressAsync(HttpRequest request, ArticleQueries articles, int year, int month, int day, string slug, string suffix)
    {
        if (!Slugs.IsValid(slug) || !ArticleUrls.TryDate(year, month, day, out var urlDate))
        {
            return null;
        }

        var former = await articles.FindFormerAddressAsync(urlDate, slug, request.HttpContext.RequestAborted);
        return former.NewPath is { } path ? path + suffix + request.QueryString : null;
    }
}
