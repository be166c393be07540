using Masthead.Core.Live;
using Masthead.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.ScaleOut;

/// <summary>Two nodes behind nginx with deploy/nginx/masthead.conf, as docs/scale-out.md sets them up.</summary>
public sealed class NginxTests
{
    [Fact]
    public async Task Through_nginx_pages_are_fresh_on_every_node_links_use_the_public_address_and_live_events_pass_at_once()
    {
        await using var nodes = await TwoNodes.StartAsync();
        await using var nginx = await NginxProcess.StartAsync(nodes.A.BaseAddress, nodes.B.BaseAddress);
        using var reader = new HttpClient { BaseAddress = nginx.BaseAddress };
        var (storyId, storyPath) = await nodes.StartLiveStoryAsync();
        var (articleId, path) = await TwoNodes.PublishArticleAsync(nodes.A, "Ferry service resumes after the storm");

        // Round robin: four requests reach both nodes, and both caches, twice each.
        var pages = new List<AngleSharp.Dom.IDocument>();
        for (var i = 0; i < 4; i++)
        {
            pages.Add(await MastheadServer.ParseAsync(await reader.GetStringAsync(path)));
        }

        await TwoNodes.ChangeHeadlineAsync(nodes.B, articleId, "Ferry service resumes on a reduced timetable");
        // The other node hears of the change over Redis a moment later: four fresh answers in a row cover both.
        await TwoNodes.EventuallyAsync(async () =>
        {
            for (var i = 0; i < 4; i++)
            {
                var headline = (await MastheadServer.ParseAsync(await reader.GetStringAsync(path))).QuerySelector("h1")!.TextContent;
                if (headline != "Ferry service resumes on a reduced timetable")
                {
                    return false;
                }
            }

            return true;
        }, "both nodes serve the changed headline");

        var last = await nodes.A.InScopeAsync(services => services.GetRequiredService<LiveQueries>().LastEventIdAsync(storyId));
        await using var stream = await SseReader.OpenAsync(reader, $"{storyPath}/live?after={last}");

        var onA = await TwoNodes.PostUpdateAsync(nodes.A, storyId, "The ferry left the harbour at noon.");
        var first = await stream.NextAsync();
        var onB = await TwoNodes.PostUpdateAsync(nodes.B, storyId, "It docked on the island at half past.");
        var second = await stream.NextAsync();

        Assert.All(pages, page => Assert.Equal("Ferry service resumes after the storm", page.QuerySelector("h1")!.TextContent));
        Assert.All(pages, page => Assert.StartsWith(nginx.BaseAddress.ToString().TrimEnd('/') + "/",
            page.QuerySelector("link[rel=canonical]")!.GetAttribute("href")!, StringComparison.Ordinal));
        Assert.Equal(onA, TwoNodes.UpdateId(first!));
        Assert.Equal(onB, TwoNodes.UpdateId(second!));
    }
}
