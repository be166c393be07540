using System.Text.Json;
using AngleSharp.Dom;
using Masthead.Core.Corrections;
using Masthead.Core.Live;
using Masthead.Core.People;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Masthead.Testing;
using Masthead.Tests.ContentApi;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Masthead.Tests.FrontPage.FrontPageSteps;

namespace Masthead.Tests.Site;

/// <summary>
/// The front page and the Content API's newest posts are held in memory between changes (FrontPageContentCache,
/// NewestPosts). With the output cache off, so every request reads them, each kind of change shows at once: an article
/// published, edited and unpublished through the Admin API, a byline renamed, a correction, live coverage, and the
/// front page saved in the newsroom.
/// </summary>
public sealed class HeldListsTests : IAsyncLifetime
{
    private const string Newest = "posts/?limit=15&include=authors,tags";
    private MastheadServer _server = null!;
    private ContentApiClient _api = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await MastheadServer.StartAsync(extraArgs: "--Masthead:OutputCache=false");
        _api = await ContentApiClient.WithNewKeyAsync(_server);
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private async Task<List<string>> FrontHeadlinesAsync() =>
        [.. (await _server.GetDocumentAsync("/")).QuerySelectorAll(".story-headline").Select(h => h.TextContent.Trim())];

    private async Task<List<string>> ApiTitlesAsync(string path = Newest) =>
        [.. (await _api.GetAsync(path)).GetProperty("posts").EnumerateArray().Select(p => p.GetProperty("title").GetString()!)];

    private async Task<JsonElement> ApiPostAsync(int id) => (await _api.GetAsync(Newest)).GetProperty("posts").EnumerateArray()
        .Single(p => p.GetProperty("id").GetString() == id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task An_article_published_edited_and_unpublished_through_the_admin_api_shows_and_leaves_at_once()
    {
        var before = await ApiTitlesAsync();
        Assert.DoesNotContain("Night ferry returns to the Wenrow", await FrontHeadlinesAsync());
        var admin = await AdminApiClient.WithNewKeyAsync(_server, NewsroomRole.Editor);

        var (_, added) = await admin.SendAsync(HttpMethod.Post, "posts/?source=html", new
        {
            posts = new[] { new { title = "Night ferry returns to the Wenrow", html = "<p>It sails at nine.</p>", status = "published" } },
        });
        var post = added.GetProperty("posts")[0];
        var id = int.Parse(post.GetProperty("id").GetString()!, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Contains("Night ferry returns to the Wenrow", await FrontHeadlinesAsync());
        Assert.Equal(["Night ferry returns to the Wenrow", .. before.Take(14)], await ApiTitlesAsync());
        Assert.Equal("Night ferry returns to the Wenrow", (await ApiTitlesAsync("posts/?limit=1"))[0]);

        await admin.SendAsync(HttpMethod.Put, $"posts/{id}/", new
        {
            posts = new[] { new { title = "Night ferry returns to the Wenrow at last", updated_at = post.GetProperty("updated_at").GetString() } },
        });

        Assert.Contains("Night ferry returns to the Wenrow at last", await FrontHeadlinesAsync());
        Assert.Equal("Night ferry returns to the Wenrow at last", (await ApiTitlesAsync())[0]);

        await _server.InScopeAsync(s => s.GetRequiredService<PublishingService>().UnpublishAsync(Actor.System, id));

        Assert.DoesNotContain("Night ferry returns to the Wenrow at last", await FrontHeadlinesAsync());
        Assert.Equal(before, await ApiTitlesAsync());
    }

    [Fact]
    public async Task A_renamed_byline_a_correction_and_live_coverage_show_at_once()
    {
        var newest = (await NewestAsync(_server, 1))[0];
        var author = newest.Authors[0];
        Assert.Contains(Bylines(await _server.GetDocumentAsync("/")), b => b.Contains(author.Name, StringComparison.Ordinal));
        Assert.Empty((await ApiPostAsync(newest.Id)).GetProperty("corrections").EnumerateArray());

        await _server.InScopeAsync(s => s.GetRequiredService<StaffService>().UpdateProfileAsync(Actor.System, author.Id,
            new ProfileInput("Wilhelmina Quarry", author.JobTitle, author.Bio, author.PhotoUrl, null)));

        Assert.Contains(Bylines(await _server.GetDocumentAsync("/")), b => b.Contains("Wilhelmina Quarry", StringComparison.Ordinal));
        Assert.Equal("Wilhelmina Quarry", (await ApiPostAsync(newest.Id)).GetProperty("primary_author").GetProperty("name").GetString());

        await _server.InScopeAsync(s => s.GetRequiredService<ArticleNoteService>().AddAsync(Actor.System, newest.Id, ArticleNoteKind.Correction,
            "An earlier version of this story gave the wrong date."));

        var correction = Assert.Single((await ApiPostAsync(newest.Id)).GetProperty("corrections").EnumerateArray());
        Assert.Equal("An earlier version of this story gave the wrong date.", correction.GetProperty("text").GetString());

        var quiet = await _server.InScopeAsync(s => s.GetRequiredService<MastheadDb>().Articles
            .Where(a => a.Status == Core.Articles.ArticleStatus.Published && a.Coverage == CoverageStatus.None)
            .OrderByDescending(a => a.PublishedAt).Select(a => new { a.Id, a.Headline }).FirstAsync());
        Assert.DoesNotContain(quiet.Headline, LiveHeadlines(await _server.GetDocumentAsync("/")));

        await _server.InScopeAsync(async s =>
        {
            var live = s.GetRequiredService<LiveService>();
            await live.StartAsync(Actor.System, quiet.Id);
            await live.PostAsync(Actor.System, quiet.Id, new LiveUpdateInput("Doors open", "The hall is full."));
        });

        Assert.Contains(quiet.Headline, LiveHeadlines(await _server.GetDocumentAsync("/")));
        var live = (await ApiPostAsync(quiet.Id)).GetProperty("live");
        Assert.Equal("live", live.GetProperty("status").GetString());
        Assert.Equal("Doors open", Assert.Single(live.GetProperty("updates").EnumerateArray()).GetProperty("title").GetString());

        // An update shows on no story card, so the front page is kept; the end of coverage takes the badge off.
        await _server.InScopeAsync(s => s.GetRequiredService<LiveService>().PostAsync(Actor.System, quiet.Id, new LiveUpdateInput("Vote called", "It passed.")));
        Assert.Contains(quiet.Headline, LiveHeadlines(await _server.GetDocumentAsync("/")));
        Assert.Equal(2, (await ApiPostAsync(quiet.Id)).GetProperty("live").GetProperty("updates").GetArrayLength());

        await _server.InScopeAsync(s => s.GetRequiredService<LiveService>().EndAsync(Actor.System, quiet.Id));
        var front = await _server.GetDocumentAsync("/");
        Assert.DoesNotContain(quiet.Headline, LiveHeadlines(front));
        Assert.Contains(front.QuerySelectorAll("article.story"), s => s.QuerySelector(".story-headline")!.TextContent.Trim() == quiet.Headline
            && s.QuerySelector(".story-ended") is not null);
    }

    [Fact]
    public async Task The_front_page_saved_in_the_newsroom_shows_at_once_and_its_stories_are_featured()
    {
        var newest = await NewestAsync(_server);
        var chosen = newest[5];
        Assert.False((await ApiPostAsync(chosen.Id)).GetProperty("featured").GetBoolean());
        Assert.NotEqual(chosen.Headline, await LeadAsync(_server));
        using var editor = await NewsroomClient.SignInAsync(_server, DemoLogins.Editor);

        await SaveAsync(editor, new() { [0] = chosen.Id });

        Assert.Equal(chosen.Headline, await LeadAsync(_server));
        Assert.True((await ApiPostAsync(chosen.Id)).GetProperty("featured").GetBoolean());
    }

    [Fact]
    public async Task Longer_pages_shorter_pages_and_pages_without_includes_or_with_plain_text_are_cut_from_what_is_held()
    {
        var ten = await _api.GetAsync("posts/?limit=10&include=authors,tags");
        var three = await _api.GetAsync("posts/?limit=3");
        var second = await _api.GetAsync("posts/?limit=3&page=2&formats=plaintext");
        var twenty = await _api.GetAsync("posts/?limit=20&include=tags");

        var titles = ten.GetProperty("posts").EnumerateArray().Select(p => p.GetProperty("title").GetString()).ToList();
        Assert.Equal(titles.Take(3), three.GetProperty("posts").EnumerateArray().Select(p => p.GetProperty("title").GetString()));
        Assert.Equal(titles.Skip(3).Take(3), second.GetProperty("posts").EnumerateArray().Select(p => p.GetProperty("title").GetString()));
        Assert.Equal(titles, twenty.GetProperty("posts").EnumerateArray().Take(10).Select(p => p.GetProperty("title").GetString()));
        Assert.All(three.GetProperty("posts").EnumerateArray(), p =>
        {
            Assert.False(p.TryGetProperty("authors", out _));
            Assert.False(p.TryGetProperty("tags", out _));
        });
        Assert.All(second.GetProperty("posts").EnumerateArray(), p => Assert.False(string.IsNullOrEmpty(p.GetProperty("plaintext").GetString())));
        Assert.All(twenty.GetProperty("posts").EnumerateArray(), p =>
        {
            Assert.False(p.TryGetProperty("authors", out _));
            Assert.True(p.TryGetProperty("tags", out _));
        });
        Assert.Equal(2, second.GetProperty("meta").GetProperty("pagination").GetProperty("page").GetInt32());
    }

    private static List<string> Bylines(IDocument front) => [.. front.QuerySelectorAll(".story-authors").Select(a => a.TextContent)];

    private static List<string> LiveHeadlines(IDocument front) =>
        [.. front.QuerySelectorAll("article.story").Where(s => s.QuerySelector(".story-live") is not null)
            .Select(s => s.QuerySelector(".story-headline")!.TextContent.Trim())];
}
