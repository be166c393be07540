using Masthead.Core.Articles;
using Masthead.Core.People;
using Masthead.Core.Publishing;
using Masthead.Core.Sections;
using Masthead.Core.Storage;
using Masthead.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Site;

/// <summary>Articles written through the Core services appear, move and change on the reader site.</summary>
public sealed class ArticleChangeTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    // 03:30 UTC on February 4 is 9:30 PM on February 3 in Chicago, the demo's time zone.
    private static readonly DateTime LateEveningInChicago = new(2026, 2, 4, 3, 30, 0, DateTimeKind.Utc);

    private MastheadServer Server => site.Server;

    private Task<int> PublishAsync(string headline, string body = "Body text.", DateTime? at = null) =>
        Server.InScopeAsync(async services =>
        {
            var staffId = (await services.GetRequiredService<StaffService>().ListActiveAsync()).First().Id;
            var sectionId = (await services.GetRequiredService<SectionService>().ListAsync()).First().Id;
            var articles = services.GetRequiredService<ArticleService>();
            var id = await articles.CreateAsync(Actor.System, new ArticleInput { Headline = headline, BodyMarkdown = body, AuthorIds = [staffId], SectionId = sectionId });
            await services.GetRequiredService<PublishingService>().PublishAsync(Actor.System, id, at ?? LateEveningInChicago);
            return id;
        });

    private Task UpdateAsync(int id, Func<ArticleInput, ArticleInput> change) => Server.InScopeAsync(async services =>
    {
        var db = services.GetRequiredService<MastheadDb>();
        var article = await db.Articles.AsNoTracking().Include(a => a.Authors).Include(a => a.Tags).SingleAsync(a => a.Id == id);
        var current = new ArticleInput
        {
            Headline = article.Headline,
            Slug = article.Slug,
            Standfirst = article.Standfirst,
            BodyMarkdown = article.BodyMarkdown,
            SectionId = article.SectionId,
            AuthorIds = article.Authors.OrderBy(a => a.Position).Select(a => a.StaffMemberId).ToList(),
            TagIds = article.Tags.Select(t => t.TagId).ToList(),
        };
        await services.GetRequiredService<ArticleService>().UpdateAsync(Actor.System, id, change(current), article.Version);
    });

    [Fact]
    public async Task Dateline_and_url_date_follow_the_publication_time_zone()
    {
        await PublishAsync("Late session ends without a vote");

        var document = await Server.GetDocumentAsync("/2026/02/03/late-session-ends-without-a-vote");

        var time = document.QuerySelector("time.published")!;
        Assert.Equal("2026-02-03T21:30:00-06:00", time.GetAttribute("datetime"));
        Assert.Equal("February 3, 2026, 9:30 PM", time.TextContent.Replace('\u202F', ' '));
    }

    [Fact]
    public async Task A_changed_slug_leaves_the_old_url_answering_301_to_the_new_one()
    {
        var id = await PublishAsync("Bridge closure extended");
        Assert.Equal(200, (int)(await Server.Client.GetAsync("/2026/02/03/bridge-closure-extended")).StatusCode);

        await UpdateAsync(id, input => input with { Slug = "wenrow-bridge-closure-extended" });
        await UpdateAsync(id, input => input with { Slug = "wenrow-bridge-closed-until-spring" });

        foreach (var old in (string[])["/2026/02/03/bridge-closure-extended", "/2026/02/03/wenrow-bridge-closure-extended"])
        {
            using var response = await Server.Client.GetAsync(old);
            Assert.Equal(301, (int)response.StatusCode);
            Assert.Equal("/2026/02/03/wenrow-bridge-closed-until-spring", response.Headers.Location!.OriginalString);
        }

        Assert.Equal(200, (int)(await Server.Client.GetAsync("/2026/02/03/wenrow-bridge-closed-until-spring")).StatusCode);
    }

    [Fact]
    public async Task A_slug_taken_back_by_its_article_answers_200_not_a_redirect_loop()
    {
        var id = await PublishAsync("Ferry schedule changes");
        await UpdateAsync(id, input => input with { Slug = "ferry-winter-schedule" });
        await UpdateAsync(id, input => input with { Slug = "ferry-schedule-changes" });

        Assert.Equal(200, (int)(await Server.Client.GetAsync("/2026/02/03/ferry-schedule-changes")).StatusCode);
        using var other = await Server.Client.GetAsync("/2026/02/03/ferry-winter-schedule");
        Assert.Equal("/2026/02/03/ferry-schedule-changes", other.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task An_old_address_keeps_leading_to_its_article_after_another_article_takes_the_slug()
    {
        var first = await PublishAsync("Pier repairs begin");
        await UpdateAsync(first, input => input with { Slug = "pier-repairs-under-way" });
        await PublishAsync("Pier repairs begin", at: LateEveningInChicago.AddDays(3)); // a later story that takes the freed slug

        using var oldAddress = await Server.Client.GetAsync("/2026/02/03/pier-repairs-begin");
        using var later = await Server.Client.GetAsync("/2026/02/06/pier-repairs-begin");

        Assert.Equal(301, (int)oldAddress.StatusCode);
        Assert.Equal("/2026/02/03/pier-repairs-under-way", oldAddress.Headers.Location!.OriginalString);
        Assert.Equal(200, (int)later.StatusCode);
    }

    [Fact]
    public async Task Every_address_of_an_unpublished_article_answers_410_and_other_dates_404()
    {
        var id = await PublishAsync("Quarry permit withdrawn");
        await UpdateAsync(id, input => input with { Slug = "quarry-permit-pulled" });

        await Server.InScopeAsync(services => services.GetRequiredService<PublishingService>().UnpublishAsync(Actor.System, id));

        Assert.Equal(410, (int)(await Server.Client.GetAsync("/2026/02/03/quarry-permit-pulled")).StatusCode);
        Assert.Equal(410, (int)(await Server.Client.GetAsync("/2026/02/03/quarry-permit-withdrawn")).StatusCode);
        Assert.Equal(404, (int)(await Server.Client.GetAsync("/2025/07/09/quarry-permit-pulled")).StatusCode);
    }

    [Fact]
    public async Task An_address_typed_in_capitals_redirects_to_the_canonical_one()
    {
        await PublishAsync("Harbour lights restored");
        Assert.Equal(200, (int)(await Server.Client.GetAsync("/2026/02/03/harbour-lights-restored")).StatusCode);

        using var response = await Server.Client.GetAsync("/2026/02/03/Harbour-Lights-Restored");

        Assert.Equal(301, (int)response.StatusCode);
        Assert.Equal("/2026/02/03/harbour-lights-restored", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Pages_are_served_from_the_output_cache_and_evicted_when_the_article_changes()
    {
        var id = await PublishAsync("Transit board meets", at: DateTime.UtcNow.AddMinutes(-1));
        var path = (await Server.GetDocumentAsync("/")).QuerySelectorAll(".story-headline a").First(a => a.TextContent == "Transit board meets").GetAttribute("href")!;
        Assert.Equal("Transit board meets", (await Server.GetDocumentAsync(path)).QuerySelector("h1")!.TextContent);

        // Behind the services' back: the cached page must not change.
        await Server.InScopeAsync(services => services.GetRequiredService<MastheadDb>().Articles
            .Where(a => a.Id == id).ExecuteUpdateAsync(set => set.SetProperty(a => a.Headline, "Changed behind the cache")));
        Assert.Equal("Transit board meets", (await Server.GetDocumentAsync(path)).QuerySelector("h1")!.TextContent);

        await UpdateAsync(id, input => input with { Headline = "Transit board approves new routes" });

        Assert.Equal("Transit board approves new routes", (await Server.GetDocumentAsync(path)).QuerySelector("h1")!.TextContent);
        var front = await Server.GetDocumentAsync("/");
        Assert.Contains("Transit board approves new routes", front.QuerySelectorAll(".story-headline").Select(h => h.TextContent.Trim()));
    }

    [Fact]
    public async Task Cached_pages_carry_an_etag_and_answer_304_when_it_matches()
    {
        var response = await Server.Client.GetAsync("/staff");
        var etag = response.Headers.ETag!;
        Assert.Contains("must-revalidate", response.Headers.CacheControl!.ToString());

        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/staff");
        conditional.Headers.IfNoneMatch.Add(etag);
        using var notModified = await Server.Client.SendAsync(conditional);

        Assert.Equal(304, (int)notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_query_string_on_a_page_that_is_not_paged_shares_the_page_cache_entry()
    {
        using var plain = await Server.Client.GetAsync("/staff");
        using var withQuery = await Server.Client.GetAsync("/staff?page=77&utm_source=x");

        Assert.Equal(200, (int)withQuery.StatusCode);
        Assert.Equal(plain.Headers.ETag, withQuery.Headers.ETag);
        Assert.NotNull(withQuery.Headers.Age); // answered from the entry /staff stored
    }

    [Fact]
    public async Task Responses_are_compressed_for_clients_that_accept_it()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.AcceptEncoding.ParseAdd("br, gzip");
        using var response = await Server.Client.SendAsync(request);

        Assert.Equal("br", response.Content.Headers.ContentEncoding.Single());
    }

    [Fact]
    public async Task Raw_html_written_into_an_article_is_shown_as_text_never_run()
    {
        await PublishAsync("Reader sends a script", "Look: <script>alert('x')</script> <img src=x onerror=alert(1)>");

        var document = await Server.GetDocumentAsync("/2026/02/03/reader-sends-a-script");

        var body = document.QuerySelector(".article-body")!;
        Assert.Empty(body.QuerySelectorAll("script, img"));
        Assert.Contains("<script>alert('x')</script>", body.TextContent);
    }
}
