using System.Net;
using Masthead.Testing;
using Masthead.Tests.Newsroom;

namespace Masthead.Tests.ScaleOut;

/// <summary>
/// Two `masthead serve` processes on their own ports, one database and one Redis, used only over HTTP as a
/// newsroom and its readers would: a sign-in on one works on the other, a story published on one reaches the other's
/// front page, which it had cached, and a live update posted on one reaches a reader of the other. How soon is
/// measured in bench/, not here.
/// </summary>
public sealed class TwoProcessesTests
{
    [Fact]
    public async Task A_newsroom_working_on_one_process_is_seen_at_once_by_readers_of_the_other()
    {
        var dataDirectory = MastheadServer.NewDataDirectory();
        try
        {
            await using var redis = await RedisProcess.StartAsync();
            await using var a = await MastheadNodeProcess.StartAsync(dataDirectory, redis.ServerArgument);
            await using var b = await MastheadNodeProcess.StartAsync(dataDirectory, redis.ServerArgument);
            using var editor = await NewsroomClient.SignInAsync(a.BaseAddress, DemoLogins.Editor);
            using var reader = new HttpClient { BaseAddress = b.BaseAddress };
            await reader.GetStringAsync("/"); // B's front page is now in B's cache

            using var dashboardOnB = await editor.Http.GetAsync(new Uri(b.BaseAddress, "/newsroom"));
            const string headline = "Harbour bridge reopens to traffic";
            var id = await editor.WriteAsync(headline, "The bridge reopened at dawn.");
            using var published = await editor.StepAsync(id, "Publish");
            await TwoNodes.EventuallyAsync(async () => (await MastheadServer.ParseAsync(await reader.GetStringAsync("/")))
                .QuerySelectorAll(".story-headline").Any(h => h.TextContent.Trim() == headline), "B's front page shows the story published on A", seconds: 30);
            var article = await editor.GetDocumentAsync($"/newsroom/articles/{id}");
            var path = article.QuerySelector("a.public-link")!.GetAttribute("href")!;
            using var started = await editor.SubmitAsync($"/newsroom/live/{id}", "form[action*='handler=Start']", []);
            var page = await MastheadServer.ParseAsync(await reader.GetStringAsync(path));
            var coverage = page.QuerySelector("[data-stream][data-after]")!; // the story's stream, not the site banner's
            await using var stream = await SseReader.OpenAsync(reader, $"{coverage.GetAttribute("data-stream")}?after={coverage.GetAttribute("data-after")}");
            using var posted = await editor.SubmitAsync($"/newsroom/live/{id}", "form[action*='handler=Update']",
                new() { ["Title"] = "", ["Body"] = "The first lorries are crossing." });
            var update = await stream.NextAsync();

            Assert.Equal(HttpStatusCode.OK, dashboardOnB.StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
            Assert.Contains("The first lorries are crossing.", update!.Data, StringComparison.Ordinal);
        }
        finally
        {
            await MastheadServer.DeleteDataAsync(dataDirectory);
        }
    }
}
