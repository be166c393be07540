using System.Text.Json;
using Masthead.Core.Articles;
using Masthead.Core.Live;
using Masthead.Core.People;
using Masthead.Core.Publishing;
using Masthead.Core.Sections;
using Masthead.Core.Storage;
using Masthead.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.ScaleOut;

/// <summary>
/// Two Masthead nodes on their own loopback ports, sharing one database (the same data directory, so the same
/// SQLite file or PostgreSQL database) and one private Redis that a test can stop and start again.
/// </summary>
internal sealed class TwoNodes : IAsyncDisposable
{
    public const string LiveStorySlug = "council-budget-night";

    private readonly string _dataDirectory;
    private readonly List<IAsyncDisposable> _started = [];

    private TwoNodes(string dataDirectory) => _dataDirectory = dataDirectory;

    public RedisProcess Redis { get; private set; } = null!;
    public MastheadServer A { get; private set; } = null!;
    public MastheadServer B { get; private set; } = null!;

    /// <param name="services">Replaces services on both nodes before they start, e.g. a fake TimeProvider.</param>
    /// <param name="arguments">Settings both nodes start with, e.g. a mail server's.</param>
    public static async Task<TwoNodes> StartAsync(Action<IServiceCollection>? services = null, string[]? arguments = null)
    {
        var nodes = new TwoNodes(MastheadServer.NewDataDirectory());
        try
        {
            nodes.Redis = await nodes.Started(RedisProcess.StartAsync());
            string[] settings = [nodes.Redis.ServerArgument, .. arguments ?? []];
            nodes.A = await nodes.Started(MastheadServer.StartAsync(demo: true, dataDirectory: nodes._dataDirectory, services, settings));
            nodes.B = await nodes.Started(MastheadServer.StartAsync(demo: true, dataDirectory: nodes._dataDirectory, services, settings));
            return nodes;
        }
        catch
        {
            await nodes.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var started in Enumerable.Reverse(_started))
        {
            await started.DisposeAsync();
        }

        await MastheadServer.DeleteDataAsync(_dataDirectory);
    }

    private async Task<T> Started<T>(Task<T> starting) where T : IAsyncDisposable
    {
        var started = await starting;
        _started.Add(started);
        return started;
    }

    /// <summary>Makes the demo's council budget story live (once) and returns its id and public path.</summary>
    public Task<(int Id, string Path)> StartLiveStoryAsync() => A.InScopeAsync(async services =>
    {
        var story = await services.GetRequiredService<MastheadDb>().Articles.Where(a => a.Slug == LiveStorySlug)
            .Select(a => new { a.Id, a.UrlDate, a.Coverage }).SingleAsync();
        if (story.Coverage != CoverageStatus.Live)
        {
            await services.GetRequiredService<LiveService>().StartAsync(Actor.System, story.Id);
        }

        return (story.Id, ArticleUrls.PathFor(story.UrlDate!.Value, LiveStorySlug));
    });

    /// <summary>Posts a live update through <paramref name="node"/>'s services, as its live desk does; returns the update's id.</summary>
    public static Task<int> PostUpdateAsync(MastheadServer node, int storyId, string body) => node.InScopeAsync(async services =>
    {
        var editor = await services.GetRequiredService<MastheadDb>().Staff.SingleAsync(s => s.Slug == "anaya-kessler");
        return await services.GetRequiredService<LiveService>().PostAsync(new Actor(editor.Id, NewsroomRole.Editor, editor.Name), storyId, new LiveUpdateInput(null, body));
    });

    /// <summary>Opens a story's stream on <paramref name="node"/> as a reader's page does: from the last event its HTML showed.</summary>
    public static async Task<SseReader> OpenStreamAsync(MastheadServer node, int storyId, string path)
    {
        var last = await node.InScopeAsync(services => services.GetRequiredService<LiveQueries>().LastEventIdAsync(storyId));
        return await SseReader.OpenAsync(node.Client, $"{path}/live?after={last}");
    }

    /// <summary>The update id an update event carries.</summary>
    public static int UpdateId(SseEvent liveEvent) => JsonDocument.Parse(liveEvent.Data).RootElement.GetProperty("id").GetInt32();

    /// <summary>Publishes a new article through <paramref name="node"/>'s services, dated a minute ago so it leads the front page.</summary>
    public static Task<(int Id, string Path)> PublishArticleAsync(MastheadServer node, string headline) => node.InScopeAsync(async services =>
    {
        var staffId = (await services.GetRequiredService<StaffService>().ListActiveAsync()).First().Id;
        var sectionId = (await services.GetRequiredService<SectionService>().ListAsync()).First().Id;
        var id = await services.GetRequiredService<ArticleService>().CreateAsync(Actor.System,
            new ArticleInput { Headline = headline, BodyMarkdown = "Body text.", AuthorIds = [staffId], SectionId = sectionId });
        await services.GetRequiredService<PublishingService>().PublishAsync(Actor.System, id, DateTime.UtcNow.AddMinutes(-1));
        var article = await services.GetRequiredService<MastheadDb>().Articles.AsNoTracking().SingleAsync(a => a.Id == id);
        return (id, ArticleUrls.PathFor(article.UrlDate!.Value, article.Slug));
    });

    /// <summary>Changes an article's headline through <paramref name="node"/>'s services, as the editor does.</summary>
    public static Task ChangeHeadlineAsync(MastheadServer node, int id, string headline) => node.InScopeAsync(async services =>
    {
        var article = await services.GetRequiredService<MastheadDb>().Articles.AsNoTracking().Include(a => a.Authors).Include(a => a.Tags).SingleAsync(a => a.Id == id);
        await services.GetRequiredService<ArticleService>().UpdateAsync(Actor.System, id, new ArticleInput
        {
            Headline = headline,
            Slug = article.Slug,
            Standfirst = article.Standfirst,
            BodyMarkdown = article.BodyMarkdown,
            SectionId = article.SectionId,
            AuthorIds = article.Authors.OrderBy(a => a.Position).Select(a => a.StaffMemberId).ToList(),
            TagIds = article.Tags.Select(t => t.TagId).ToList(),
        }, article.Version);
    });

    /// <summary>Changes the stored headline behind every cache's back: a page that still shows the old one came from a cache.</summary>
    public static Task ChangeHeadlineBehindTheCacheAsync(MastheadServer node, int id, string headline) => node.InScopeAsync(services =>
        services.GetRequiredService<MastheadDb>().Articles.Where(a => a.Id == id).ExecuteUpdateAsync(set => set.SetProperty(a => a.Headline, headline)));

    public static async Task<string> HeadlineAsync(MastheadServer node, string path) =>
        (await node.GetDocumentAsync(path)).QuerySelector("h1")!.TextContent;

    /// <summary>Waits until <paramref name="condition"/> holds, checking every 50 ms; fails after <paramref name="seconds"/>.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, double seconds = 8)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Not within {seconds} s: {what}");
            await Task.Delay(50);
        }
    }
}
