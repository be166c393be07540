using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Masthead.Core.Articles;
using Masthead.Core.Corrections;
using Masthead.Core.Live;
using Masthead.Core.Publication;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Masthead.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.ContentApi;

/// <summary>
/// CORS, ETags and the server's cache: answers are cached, and publishing, unpublishing, corrections, live updates
/// and settings changes show at once. Drafts never show. Each test makes the change it looks for.
/// </summary>
public sealed class ContentApiCachingTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private MastheadServer Server => site.Server;

    [Fact]
    public async Task Any_origin_may_call_the_api_and_preflights_are_answered()
    {
        var api = await ContentApiClient.WithNewKeyAsync(Server);
        using var preflight = new HttpRequestMessage(HttpMethod.Options, api.WithKey("posts/"));
        preflight.Headers.Add("Origin", "https://front-end.example");
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        preflight.Headers.Add("Access-Control-Request-Headers", "accept-version");

        using var answer = await Server.Client.SendAsync(preflight);
        using var get = await api.SendAsync("posts/?limit=1", r => r.Headers.Add("Origin", "https://front-end.example"));

        Assert.Equal(HttpStatusCode.NoContent, answer.StatusCode);
        Assert.Equal("*", answer.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("GET", answer.Headers.GetValues("Access-Control-Allow-Methods").Single());
        Assert.Contains("accept-version", answer.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("*", get.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task An_answer_has_an_etag_and_a_matching_if_none_match_gets_304_from_the_cache()
    {
        var api = await ContentApiClient.WithNewKeyAsync(Server);
        using var first = await api.SendAsync("posts/?limit=3&include=tags");
        var etag = first.Headers.ETag!;

        using var revalidated = await api.SendAsync("posts/?limit=3&include=tags", r => r.Headers.IfNoneMatch.Add(etag));
        using var again = await api.SendAsync("posts/?limit=3&include=tags", r => r.Headers.IfNoneMatch.Add(etag));
        using var other = await api.SendAsync("posts/?limit=4&include=tags");
        var otherApi = await ContentApiClient.WithNewKeyAsync(Server, "Another app");
        using var otherKey = await otherApi.SendAsync("posts/?limit=3&include=tags");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.True(first.Headers.CacheControl is { Public: true, MustRevalidate: true } control && control.MaxAge == TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.NotEqual(etag, other.Headers.ETag);
        Assert.Equal(etag, otherKey.Headers.ETag);
    }

    [Fact]
    public async Task Publishing_and_unpublishing_show_in_cached_lists_at_once()
    {
        var api = await ContentApiClient.WithNewKeyAsync(Server);
        var before = await api.GetAsync("posts/?limit=5&fields=slug,id");
        using var cached = await api.SendAsync("posts/?limit=5&fields=slug,id");
        var etag = cached.Headers.ETag!;

        var id = await NewArticleAsync("Ferry service returns to the Wenrow after eleven years");
        await Server.InScopeAsync(s => s.GetRequiredService<PublishingService>().PublishAsync(Actor.System, id));

        using var afterPublish = await api.SendAsync("posts/?limit=5&fields=slug,id", r => r.Headers.IfNoneMatch.Add(etag));
        var published = await api.GetAsync("posts/?limit=5&fields=slug,id");
        Assert.Equal(HttpStatusCode.OK, afterPublish.StatusCode);
        Assert.Equal("ferry-service-returns-to-the-wenrow-after-eleven-years", ContentApiClient.Slugs(published)[0]);
        Assert.Equal(ContentApiClient.Slugs(before).Take(4), ContentApiClient.Slugs(published).Skip(1));
        await api.GetAsync($"posts/{id}/");

        await Server.InScopeAsync(s => s.GetRequiredService<PublishingService>().UnpublishAsync(Actor.System, id));

        Assert.Equal(ContentApiClient.Slugs(before), ContentApiClient.Slugs(await api.GetAsync("posts/?limit=5&fields=slug,id")));
        await api.GetAsync($"posts/{id}/", HttpStatusCode.NotFound);
        await api.GetAsync("posts/slug/ferry-service-returns-to-the-wenrow-after-eleven-years/", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Drafts_and_scheduled_articles_never_show()
    {
        var api = await ContentApiClient.WithNewKeyAsync(Server);
        var draft = await NewArticleAsync("Draft: the mayor's second term plans");
        var scheduled = await NewArticleAsync("Scheduled: harvest festival returns");
        await Server.InScopeAsync(s => s.GetRequiredService<PublishingService>().ScheduleAsync(Actor.System, scheduled, DateTime.UtcNow.AddDays(3)));

        var all = await api.GetAsync("posts/?limit=all&fields=id");
        var filtered = await api.GetAsync($"posts/?filter=id:[{draft},{scheduled}]");

        var ids = all.GetProperty("posts").EnumerateArray().Select(p => p.GetProperty("id").GetString()).ToList();
        Assert.DoesNotContain(draft.ToString(CultureInfo.InvariantCulture), ids);
        Assert.DoesNotContain(scheduled.ToString(CultureInfo.InvariantCulture), ids);
        Assert.Empty(filtered.GetProperty("posts").EnumerateArray());
        await api.GetAsync($"posts/{draft}/", HttpStatusCode.NotFound);
        await api.GetAsync("posts/slug/draft-the-mayors-second-term-plans/", HttpStatusCode.NotFound);
        await api.GetAsync($"posts/{scheduled}/", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_correction_shows_on_the_post_at_once()
    {
        var api = await ContentApiClient.WithNewKeyAsync(Server);
        var id = await Server.InScopeAsync(s => s.GetRequiredService<MastheadDb>().Articles.Where(a => a.Slug == "mural-festival").Select(a => a.Id).SingleAsync());
        Assert.Empty((await api.GetAsync($"posts/{id}/")).GetProperty("posts")[0].GetProperty("corrections").EnumerateArray());

        await Server.InScopeAsync(s => s.GetRequiredService<ArticleNoteService>().AddAsync(Actor.System, id, ArticleNoteKind.Correction,
            "An earlier version of this story misspelled the muralist's name."));

        var correction = Assert.Single((await api.GetAsync($"posts/{id}/")).GetProperty("posts")[0].GetProperty("corrections").EnumerateArray());
        Assert.Equal("correction", correction.GetProperty("kind").GetString());
        Assert.Equal("An earlier version of this story misspelled the muralist's name.", correction.GetProperty("text").GetString());
        Assert.True(DateTimeOffset.UtcNow - DateTimeOffset.Parse(correction.GetProperty("at").GetString()!, CultureInfo.InvariantCulture) < TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task A_live_update_and_the_end_of_coverage_show_at_once()
    {
        var api = await ContentApiClient.WithNewKeyAsync(Server);
        var id = await Server.InScopeAsync(s => s.GetRequiredService<MastheadDb>().Articles.Where(a => a.Slug == "transit-fare-vote").Select(a => a.Id).SingleAsync());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await api.GetAsync($"posts/{id}/")).GetProperty("posts")[0].GetProperty("live").ValueKind);

        await Server.InScopeAsync(async s =>
        {
            var live = s.GetRequiredService<LiveService>();
            await live.StartAsync(Actor.System, id);
            await live.PostAsync(Actor.System, id, new LiveUpdateInput("Vote called", "The board votes **4-3** to raise the fare."));
        });
        var running = (await api.GetAsync($"posts/{id}/")).GetProperty("posts")[0].GetProperty("live");
        await Server.InScopeAsync(s => s.GetRequiredService<LiveService>().EndAsync(Actor.System, id));
        var ended = (await api.GetAsync($"posts/{id}/")).GetProperty("posts")[0].GetProperty("live");

        Assert.Equal("live", running.GetProperty("status").GetString());
        var update = Assert.Single(running.GetProperty("updates").EnumerateArray());
        Assert.Equal("Vote called", update.GetProperty("title").GetString());
        Assert.Contains("<strong>4-3</strong>", update.GetProperty("html").GetString());
        Assert.Equal("ended", ended.GetProperty("status").GetString());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, ended.GetProperty("ended_at").ValueKind);
    }

    [Fact]
    public async Task Changed_settings_show_at_once()
    {
        var api = await ContentApiClient.WithNewKeyAsync(Server);
        await api.GetAsync("settings/");

        await Server.InScopeAsync(s => s.GetRequiredService<PublicationService>().UpdateAsync(Actor.System, p => p.Tagline = "Lighting up Larkmoor since 2026."));

        Assert.Equal("Lighting up Larkmoor since 2026.", (await api.GetAsync("settings/")).GetProperty("settings").GetProperty("description").GetString());
    }

    private Task<int> NewArticleAsync(string headline) => Server.InScopeAsync(async s =>
    {
        var db = s.GetRequiredService<MastheadDb>();
        var author = await db.Staff.Where(p => p.Slug == "tobias-wren").Select(p => p.Id).SingleAsync();
        var section = await db.Sections.Where(p => p.Slug == "business").Select(p => p.Id).SingleAsync();
        return await s.GetRequiredService<ArticleService>().CreateAsync(Actor.System,
            new ArticleInput { Headline = headline, BodyMarkdown = "The first paragraph.", AuthorIds = [author], SectionId = section });
    });
}
