using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Masthead.Bench;

/// <summary>How long after a publish request each public surface served the new article; null where it never did.</summary>
/// <param name="Notes">For each time a surface never showed it: whether a render bypassing the output cache did.</param>
public sealed record PublishResult(List<double> PublishRequestMs, Dictionary<string, List<double?>> VisibleMs, List<string> Notes);

/// <summary>
/// `publish`: an editor publishes a new article while readers keep reloading its URL, the front page and the RSS
/// feed on the cached server. From the start of the publish request, each surface is polled every 5 ms until it
/// shows the article: the time until a reader sees it, output-cache eviction included.
/// </summary>
public static class PublishToVisible
{
    public const double TargetMs = 1000;
    public static readonly string[] Surfaces = ["article URL", "front page", "RSS feed"];
    private static readonly TimeSpan GiveUp = TimeSpan.FromSeconds(10);

    public static async Task<PublishResult> RunAsync(Uri baseAddress, int times, CancellationToken cancellationToken)
    {
        using var editor = new Newsroom(baseAddress);
        await editor.SignInAsDemoEditorAsync(cancellationToken);
        using var reader = new HttpClient(new SocketsHttpHandler { UseCookies = false, AutomaticDecompression = DecompressionMethods.None })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(5),
        };

        var result = new PublishResult([], Surfaces.ToDictionary(s => s, _ => new List<double?>()), []);
        var run = DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
        for (var i = 0; i < times; i++)
        {
            var headline = $"Bench publish {run} number {i} reaches readers";
            var slug = $"bench-publish-{run}-{i}";
            var id = await editor.CreateDraftAsync(headline, slug, "A new article published by the benchmark, to time how soon readers see it.",
                "The benchmark published this article.\n\nEvery surface that lists it is polled until it does.", cancellationToken);
            var publish = await editor.OpenStepAsync(id, "Publish", cancellationToken);

            // Dated today in UTC: if the publication's time zone is on another day, the article answers with a
            // redirect to its canonical URL, which HttpClient follows.
            var path = $"/{DateTime.UtcNow:yyyy'/'MM'/'dd}/{slug}";
            var started = Stopwatch.GetTimestamp();
            var publishing = editor.TakeStepAsync(publish, cancellationToken);
            (string Path, Func<string, bool> Shows)[] surfaces =
            [
                (path, body => body.Contains(headline, StringComparison.Ordinal)),
                ("/", body => body.Contains($"/{slug}\"", StringComparison.Ordinal)),
                ("/feed.xml", body => body.Contains($"/{slug}<", StringComparison.Ordinal)),
            ];
            var polls = await Task.WhenAll(surfaces.Select(s => FirstSeenAsync(reader, s.Path, s.Shows, started, cancellationToken)));
            var visible = polls.Select(p => p.Ms).ToArray();
            result.PublishRequestMs.Add((await publishing).TotalMilliseconds);
            for (var s = 0; s < Surfaces.Length; s++)
            {
                result.VisibleMs[Surfaces[s]].Add(visible[s]);
                if (polls[s].TimedOut > 0)
                {
                    result.Notes.Add($"{Surfaces[s]}: {polls[s].TimedOut} poll(s) for {slug} had no answer within {reader.Timeout.TotalSeconds:N0} s; polling went on");
                }

                if (visible[s] is null)
                {
                    var fresh = await ShowsUncachedAsync(reader, surfaces[s].Path, surfaces[s].Shows, cancellationToken);
                    result.Notes.Add($"{Surfaces[s]} did not show {slug} within {GiveUp.TotalSeconds:N0} s; a render bypassing the output cache " +
                        (fresh ? "did: the cache kept a page rendered before the publish" : "did not either"));
                }
            }

            await Task.Delay(250, cancellationToken);
        }

        return result;
    }

    /// <summary>Whether a fresh render shows it: the public pages' cache policy neither looks up nor stores requests with an Authorization header.</summary>
    private static async Task<bool> ShowsUncachedAsync(HttpClient reader, string path, Func<string, bool> shows, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new("Bench", "bypass-output-cache");
        using var response = await reader.SendAsync(request, cancellationToken);
        return response.StatusCode == HttpStatusCode.OK && shows(await response.Content.ReadAsStringAsync(cancellationToken));
    }

    /// <summary>
    /// Milliseconds from <paramref name="started"/> until GET <paramref name="path"/> answered 200 with a body that
    /// <paramref name="shows"/>, null after 10 s; and how many polls had no answer within the client's timeout.
    /// </summary>
    private static async Task<(double? Ms, int TimedOut)> FirstSeenAsync(HttpClient reader, string path, Func<string, bool> shows, long started,
        CancellationToken cancellationToken)
    {
        var timedOut = 0;
        while (Stopwatch.GetElapsedTime(started) < GiveUp)
        {
            try
            {
                using var response = await reader.GetAsync(path, cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK && shows(await response.Content.ReadAsStringAsync(cancellationToken)))
                {
                    return (Stopwatch.GetElapsedTime(started).TotalMilliseconds, timedOut);
                }
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                timedOut++;
            }

            await Task.Delay(5, cancellationToken);
        }

        return (null, timedOut);
    }
}
