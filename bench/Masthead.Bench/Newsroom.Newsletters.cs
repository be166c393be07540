using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace Masthead.Bench;

public sealed partial class Newsroom
{
    /// <summary>
    /// Sends a briefing as an editor does: opens the newsletter's composer and presses Send with the stories it
    /// offers ticked, under <paramref name="subject"/>. Returns how long the Send request took (without the redirect).
    /// </summary>
    public async Task<TimeSpan> SendBriefingAsync(int newsletterId, string subject, CancellationToken cancellationToken)
    {
        var page = $"/newsroom/newsletters/{newsletterId}/compose";
        var html = await GetPageAsync(page, cancellationToken);
        var form = Forms(page, html).FirstOrDefault(f => f.Token.Length > 0) ?? throw new BenchException($"{page} has no form.");
        var key = ComposerKey().Match(html);
        var stories = TickedStory().Matches(html).Select(m => m.Groups[1].Value).ToList();
        if (!key.Success || stories.Count == 0)
        {
            throw new BenchException($"{page} has no form key or no story ticked.");
        }

        var send = form with { Action = page + "?handler=Send" };
        var started = Stopwatch.GetTimestamp();
        using var response = await PostAsync(send,
            [
                new("FormKey", key.Groups[1].Value), new("Subject", subject), new("Intro", "Good morning."), new("SendAt", ""),
                .. stories.Select(id => KeyValuePair.Create("Articles", id)),
            ],
            cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString != "/newsroom/newsletters")
        {
            throw new BenchException($"Sending the briefing answered {(int)response.StatusCode} {response.Headers.Location}, not a redirect to the newsletters.");
        }

        return elapsed;
    }

    [GeneratedRegex("""<input[^>]*\bname="FormKey"[^>]*\bvalue="([^"]+)""")]
    private static partial Regex ComposerKey();

    [GeneratedRegex("""<input type="checkbox" name="Articles" value="(\d+)"[^>]*\bchecked""")]
    private static partial Regex TickedStory();
}
