using System.Net;
using System.Text.Json;
using Masthead.Core.Articles;
using Masthead.Core.Live;
using Masthead.Core.People;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Masthead.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Live;

/// <summary>
/// A live story like the demo's council budget night, followed over its real event stream. The tests share one
/// server; each follows a live story of its own, which it may end, unpublish or move.
/// </summary>
public sealed class LiveStreamTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>, IAsyncLifetime
{
    private int _storyId;
    private string _path = "";

    private MastheadServer Server => site.Server;

    public async ValueTask InitializeAsync()
    {
        var slug = "council-budget-night-" + Guid.NewGuid().ToString("N")[..8];
        (_storyId, _path) = await Server.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<MastheadDb>();
            var demo = await db.Articles.AsNoTracking().Include(a => a.Authors).SingleAsync(a => a.Slug == "council-budget-night");
            var id = await services.GetRequiredService<ArticleService>().CreateAsync(Actor.System, new ArticleInput
            {
                Headline = demo.Headline,
                Slug = slug,
                BodyMarkdown = demo.BodyMarkdown,
                SectionId = demo.SectionId,
                AuthorIds = demo.Authors.OrderBy(a => a.Position).Select(a => a.StaffMemberId).ToList(),
            });
            await services.GetRequiredService<PublishingService>().PublishAsync(Actor.System, id);
            await services.GetRequiredService<LiveService>().StartAsync(Actor.System, id);
            var urlDate = await db.Articles.Where(a => a.Id == id).Select(a => a.UrlDate).SingleAsync();
            return (id, ArticleUrls.PathFor(urlDate!.Value, slug));
        });
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Task<int> PostAsync(string body, string? title = null) =>
        Server.InScopeAsync(services => services.GetRequiredService<LiveService>().PostAsync(Editor(services), _storyId, new LiveUpdateInput(title, body)));

    private static Actor Editor(IServiceProvider services)
    {
        var editor = services.GetRequiredService<MastheadDb>().Staff.Single(s => s.Slug == "anaya-kessler");
        return new Actor(editor.Id, NewsroomRole.Editor, editor.Name);
    }

    /// <summary>Opens the stream as a reader's page does: from the last event its HTML already showed.</summary>
    private async Task<SseReader> OpenAsync()
    {
        var last = await Server.InScopeAsync(services => services.GetRequiredService<LiveQueries>().LastEventIdAsync(_storyId));
        return await SseReader.OpenAsync(Server.Client, $"{_path}/live?after={last}");
    }

    private static JsonElement Json(SseEvent e) => JsonDocument.Parse(e.Data).RootElement;

    [Fact]
    public async Task A_posted_update_reaches_an_open_stream_with_its_html_and_author()
    {
        await using var reader = await OpenAsync();
        Assert.Equal("text/event-stream", reader.Response.Content.Headers.ContentType!.MediaType);

        var id = await PostAsync("Council member **Ortiz** proposes restoring Sunday library hours.", "Amendment offered");
        var received = await reader.NextAsync();

        Assert.Equal("update", received!.Type);
        var payload = Json(received);
        Assert.Equal(id, payload.GetProperty("id").GetInt32());
        Assert.Equal("Amendment offered", payload.GetProperty("title").GetString());
        Assert.Contains("<strong>Ortiz</strong>", payload.GetProperty("html").GetString());
        Assert.Equal("Anaya Kessler", payload.GetProperty("author").GetString());
    }

    [Fact]
    public async Task Edits_and_deletions_arrive_as_their_own_events_with_increasing_ids()
    {
        await using var reader = await OpenAsync();
        var id = await PostAsync("First draft of an update.");
        await Server.InScopeAsync(services => services.GetRequiredService<LiveService>().EditAsync(Editor(services), id, new LiveUpdateInput(null, "Corrected update.")));
        await Server.InScopeAsync(services => services.GetRequiredService<LiveService>().DeleteAsync(Editor(services), id));

        var events = new[] { await reader.NextAsync(), await reader.NextAsync(), await reader.NextAsync() };

        Assert.Equal(["update", "edit", "delete"], events.Select(e => e!.Type));
        Assert.Contains("Corrected update.", Json(events[1]!).GetProperty("html").GetString());
        Assert.Equal(id, Json(events[2]!).GetProperty("id").GetInt32());
        var ids = events.Select(e => int.Parse(e!.Id!)).ToList();
        Assert.Equal(ids.Order(), ids);
        Assert.Equal(ids[0] + 2, ids[2]);
    }

    [Fact]
    public async Task Reconnecting_with_last_event_id_delivers_exactly_the_missed_events()
    {
        string lastSeen;
        await using (var reader = await OpenAsync())
        {
            await PostAsync("Seen before the drop.");
            lastSeen = (await reader.NextAsync())!.Id!;
        }

        var missed = new[] { await PostAsync("Missed one."), await PostAsync("Missed two.") };
        await using var resumed = await SseReader.OpenAsync(Server.Client, _path + "/live", lastSeen);
        var first = await resumed.NextAsync();
        var second = await resumed.NextAsync();
        var live = await PostAsync("After the resume.");
        var third = await resumed.NextAsync();

        Assert.Equal(missed, new[] { first!, second! }.Select(e => Json(e).GetProperty("id").GetInt32()));
        Assert.Equal(int.Parse(lastSeen) + 1, int.Parse(first!.Id!));
        Assert.Equal(live, Json(third!).GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task A_last_event_id_the_story_never_issued_gets_the_full_list()
    {
        await PostAsync("Part of the full list.");
        await using var reader = await SseReader.OpenAsync(Server.Client, _path + "/live", lastEventId: "999999");

        var first = await reader.NextAsync();

        Assert.Equal("1", first!.Id);
    }

    [Fact]
    public async Task Ending_coverage_sends_ended_and_closes_the_stream_and_later_connections_get_no_content()
    {
        await using var reader = await OpenAsync();
        await Server.InScopeAsync(services => services.GetRequiredService<LiveService>().EndAsync(Editor(services), _storyId));

        var ended = await reader.NextAsync();
        var after = await reader.NextAsync();

        Assert.Equal("ended", ended!.Type);
        Assert.Null(after);
        using var late = await Server.Client.GetAsync(_path + "/live", HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, late.StatusCode); // a newcomer still gets the history, ending with "ended"
        using var caughtUp = new HttpRequestMessage(HttpMethod.Get, _path + "/live");
        caughtUp.Headers.Add("Last-Event-ID", ended.Id);
        using var done = await Server.Client.SendAsync(caughtUp);
        Assert.Equal(HttpStatusCode.NoContent, done.StatusCode);
    }

    [Fact]
    public async Task Unpublishing_the_story_ends_its_streams_cleanly()
    {
        await using var reader = await OpenAsync();
        await Server.InScopeAsync(services => services.GetRequiredService<PublishingService>().UnpublishAsync(Actor.System, _storyId));

        Assert.Null(await reader.NextAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await Server.Client.GetAsync(_path + "/live")).StatusCode);
    }

    [Fact]
    public async Task After_a_slug_change_the_old_stream_and_feed_addresses_redirect_to_the_new_ones()
    {
        var last = await Server.InScopeAsync(services => services.GetRequiredService<LiveQueries>().LastEventIdAsync(_storyId));
        var newPath = await Server.InScopeAsync(async services =>
        {
            var article = await services.GetRequiredService<MastheadDb>().Articles.AsNoTracking().Include(a => a.Authors).Include(a => a.Tags).SingleAsync(a => a.Id == _storyId);
            await services.GetRequiredService<ArticleService>().UpdateAsync(Actor.System, _storyId, new ArticleInput
            {
                Headline = article.Headline,
                Slug = "council-budget-hearing",
                Standfirst = article.Standfirst,
                BodyMarkdown = article.BodyMarkdown,
                SectionId = article.SectionId,
                TagIds = article.Tags.Select(t => t.TagId).ToList(),
                AuthorIds = article.Authors.OrderBy(a => a.Position)
                    .Select(a => a.StaffMemberId).ToList(),
            }, article.Version);
            return ArticleUrls.PathFor(article.UrlDate!.Value, "council-budget-hearing");
        });

        using var stream = await Server.Client.GetAsync($"{_path}/live?after={last}", HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        using var feed = await Server.Client.GetAsync($"{_path}/live.atom", TestContext.Current.CancellationToken);
        await using var followed = await SseReader.OpenAsync(Server.Client, $"{newPath}/live?after={last}");
        var id = await PostAsync("Posted after the new address.");

        Assert.Equal(HttpStatusCode.MovedPermanently, stream.StatusCode);
        Assert.Equal($"{newPath}/live?after={last}", stream.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.MovedPermanently, feed.StatusCode);
        Assert.Equal($"{newPath}/live.atom", feed.Headers.Location!.OriginalString);
        Assert.Equal(id, Json((await followed.NextAsync())!).GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task Streams_of_unknown_stories_answer_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Server.Client.GetAsync("/2026/01/01/no-such-story/live")).StatusCode);
    }
}
