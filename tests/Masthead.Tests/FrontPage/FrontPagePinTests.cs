using Masthead.Testing;
using Masthead.Tests.ContentApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Masthead.Tests.FrontPage.FrontPageSteps;

namespace Masthead.Tests.FrontPage;

/// <summary>A story kept on the front page for a while leaves it by itself when its time is up, on the site and in the Content API.</summary>
public sealed class FrontPagePinTests
{
    [Fact]
    public async Task A_pinned_story_leaves_its_slot_when_its_time_is_up_and_the_latest_takes_it()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await MastheadServer.StartAsync(services: s => s.AddSingleton<TimeProvider>(clock));
        using var editor = await NewsroomClient.SignInAsync(server, DemoLogins.Editor);
        var api = await ContentApiClient.WithNewKeyAsync(server);
        var newest = await NewestAsync(server);
        var (pinned, kept) = (newest[10], newest[12]);

        await SaveAsync(editor, new() { [0] = pinned.Id, [1] = kept.Id }, new() { ["Form.Slots[0].Keep"] = "3h" });
        Assert.Equal(pinned.Headline, await LeadAsync(server));
        var editorPage = await editor.GetDocumentAsync(Editor);
        Assert.StartsWith("until ", editorPage.QuerySelector("#slot-0-keep option[selected]")!.TextContent);

        clock.Advance(TimeSpan.FromHours(3) - TimeSpan.FromMinutes(1));
        await PinExpiryRanAsOfAsync(server, clock.GetUtcNow());
        Assert.Equal(pinned.Headline, await LeadAsync(server));

        clock.Advance(TimeSpan.FromMinutes(1));
        await PinExpiryRanAsOfAsync(server, clock.GetUtcNow());

        Assert.NotEqual(pinned.Headline, await LeadAsync(server));
        Assert.Equal(kept.Headline, (await TopStoriesAsync(server))[0]);
        Assert.Equal([1], (await CurationAsync(server)).Stories.Select(s => s.Slot));
        Assert.False((await api.GetAsync($"posts/slug/{pinned.Slug}/")).GetProperty("posts")[0].GetProperty("featured").GetBoolean());
        Assert.True((await api.GetAsync($"posts/slug/{kept.Slug}/")).GetProperty("posts")[0].GetProperty("featured").GetBoolean());
    }
}
