using System.Text.Json;
using Masthead.Core.Live;
using Masthead.Core.People;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Masthead.Live;
using Masthead.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Live;

/// <summary>A reader that stops reading, next to one that keeps up, on the demo's budget story.</summary>
public sealed class SlowReaderTests : IAsyncLifetime
{
    /// <summary>The events a reader's buffer holds: a stalled reader misses more than this before it is cut off.</summary>
    private const int ReaderBuffer = 128;

    private MastheadServer _server = null!;
    private int _storyId;
    private string _path = "";

    public async ValueTask InitializeAsync()
    {
        _server = await MastheadServer.StartAsync();
        (_storyId, _path) = await _server.ArticleAsync("council-budget-night");
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private int Readers => _server.Services.GetRequiredService<ILiveBroadcaster>().SubscriberCount(_storyId);

    private Task<int> PostAsync(string body) => _server.InScopeAsync(services =>
    {
        var editor = services.GetRequiredService<MastheadDb>().Staff.Single(s => s.Slug == "anaya-kessler");
        return services.GetRequiredService<LiveService>().PostAsync(new Actor(editor.Id, NewsroomRole.Editor, editor.Name), _storyId, new LiveUpdateInput(null, body));
    });

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        for (var waited = TimeSpan.Zero; !condition(); waited += TimeSpan.FromMilliseconds(50))
        {
            Assert.True(waited < TimeSpan.FromSeconds(30), $"Still waiting for {what}.");
            await Task.Delay(50);
        }
    }

    private static int UpdateId(SseEvent e) => JsonDocument.Parse(e.Data).RootElement.GetProperty("id").GetInt32();

    [Fact]
    public async Task A_stalled_reader_is_cut_off_without_holding_up_one_that_reads_and_resumes_exactly_where_it_stopped()
    {
        var start = await _server.InScopeAsync(services => services.GetRequiredService<LiveQueries>().LastEventIdAsync(_storyId));
        using var stalled = await StalledReader.OpenAsync(_server.BaseAddress, $"{_path}/live?after={start}");
        await using var reader = await SseReader.OpenAsync(_server.Client, $"{_path}/live?after={start}");
        await WaitForAsync(() => Readers == 2, "both readers to connect");

        // The reader that keeps up reads as the updates are posted, each within a generous bound.
        var lastPosted = new TaskCompletionSource<int>();
        var reading = Task.Run(async () =>
        {
            var received = new List<int>();
            while (!lastPosted.Task.IsCompleted || received.LastOrDefault() != lastPosted.Task.Result)
            {
                var next = await reader.NextAsync(TimeSpan.FromSeconds(10)) ?? throw new InvalidOperationException("The reading reader's stream ended.");
                received.Add(UpdateId(next));
            }

            return received;
        });

        // A few short updates reach even the stalled reader. Then large ones fill its connection's socket buffers,
        // and after that its own buffer overflows.
        var posted = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            posted.Add(await PostAsync($"Short update {i}."));
        }

        var body = "Rapid update: " + new string('x', 16_000);
        while ((Readers > 1 || posted.Count <= ReaderBuffer) && posted.Count < 2_000)
        {
            posted.Add(await PostAsync(body));
        }

        for (var i = 0; i < 3; i++)
        {
            posted.Add(await PostAsync(body));
        }

        lastPosted.SetResult(posted[^1]);

        Assert.Equal(posted, await reading);
        Assert.Equal(1, Readers);
        var seen = await stalled.DrainAsync(TimeSpan.FromSeconds(30));
        Assert.True(posted.Count - seen.Count > ReaderBuffer, $"The stalled reader got {seen.Count} of {posted.Count} updates.");
        Assert.Equal(posted.Take(seen.Count), seen.Select(UpdateId));

        await using var resumed = await SseReader.OpenAsync(_server.Client, _path + "/live", seen.Count > 0 ? seen[^1].Id : start.ToString());
        var rest = new List<int>();
        while (rest.Count < posted.Count - seen.Count)
        {
            rest.Add(UpdateId((await resumed.NextAsync())!));
        }

        var after = await PostAsync("The first update after the resume.");
        Assert.Equal(posted.Skip(seen.Count), rest);
        Assert.Equal(after, UpdateId((await resumed.NextAsync())!));
    }
}
