using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using Masthead.Core.Banner;
using Masthead.Core.Live;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Masthead.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Masthead.Tests.Site;

/// <summary>
/// The site-wide banner: raised in the newsroom, it is on every page at once, cached ones included, and reaches
/// pages already open through the site's event stream; lowered or expired, it leaves them the same way.
/// </summary>
public sealed class SiteBannerTests : IAsyncLifetime
{
    private const string LiveStorySlug = "council-budget-night";

    // Stands still unless a test moves it, so an expiry comes exactly when the test says.
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private MastheadServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await MastheadServer.StartAsync(services: services => services.AddSingleton<TimeProvider>(_clock));

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    /// <summary>One page of every kind readers see, error pages included, with the status each answers.</summary>
    private async Task<List<(string Path, int Status)>> EveryPageTypeAsync()
    {
        var (_, article) = await _server.ArticleAsync("mill-reopening");
        var (_, story) = await _server.ArticleAsync(LiveStorySlug);
        var tag = (await _server.GetDocumentAsync(article)).QuerySelector("a[rel=tag]")!.GetAttribute("href")!;
        return
        [
            ("/", 200), (article, 200), (story, 200), ("/section/politics", 200), (tag, 200), ("/author/delphine-marrow", 200),
            ("/staff", 200), ("/contact", 200), ("/about-us", 200), ("/corrections", 200), ("/search?q=council+budget", 200),
            ("/search?q=%22city+hall", 400), ("/no-such-page/anywhere", 404),
        ];
    }

    private static IElement? BannerOf(IDocument page) => page.QuerySelector(".banner-slot .site-banner");

    private async Task<HttpResponseMessage> RaiseAsync(NewsroomClient editor, string label, string text, string? articleId = null, int expiresInMinutes = 0) =>
        await editor.SubmitAsync("/newsroom/banner", "form[action*='handler=Raise']", new()
        {
            ["Label"] = label,
            ["Text"] = text,
            ["ArticleId"] = articleId ?? "",
            ["ExpiresInMinutes"] = expiresInMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

    private static async Task<SseEvent> NextEventAsync(SseReader stream) =>
        await stream.NextAsync() ?? throw new InvalidOperationException("The site stream closed.");

    [Fact]
    public async Task A_banner_raised_in_the_newsroom_is_on_every_page_type_cached_or_not_and_lowering_it_takes_it_off_them_all()
    {
        var pages = await EveryPageTypeAsync();
        foreach (var (path, status) in pages)
        {
            Assert.Null(BannerOf(await _server.GetDocumentAsync(path, status))); // and now cached, without a banner
        }

        using var editor = await NewsroomClient.SignInAsync(_server, DemoLogins.Editor);
        var (millId, millPath) = await _server.ArticleAsync("mill-reopening");
        using var raised = await RaiseAsync(editor, "BREAKING", "Hartwell mill to reopen: 280 jobs", millId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(HttpStatusCode.Redirect, raised.StatusCode);

        foreach (var (path, status) in pages)
        {
            var banner = BannerOf(await _server.GetDocumentAsync(path, status));
            Assert.True(banner is not null, $"{path} shows no banner");
            Assert.Equal("BREAKING", banner.QuerySelector(".site-banner-label")!.TextContent);
            Assert.Equal(("Hartwell mill to reopen: 280 jobs", millPath),
                (banner.QuerySelector("a.site-banner-text")!.TextContent, banner.QuerySelector("a.site-banner-text")!.GetAttribute("href")));
        }

        var desk = await editor.GetDocumentAsync("/newsroom/banner");
        Assert.Contains("Hartwell mill to reopen", desk.QuerySelector(".banner-current")!.TextContent);
        using var lowered = await editor.SubmitAsync("/newsroom/banner", "form[action*='handler=Lower']", []);
        Assert.Equal(HttpStatusCode.Redirect, lowered.StatusCode);

        foreach (var (path, status) in pages)
        {
            Assert.True(BannerOf(await _server.GetDocumentAsync(path, status)) is null, $"{path} still shows the banner");
        }

        var history = await editor.GetDocumentAsync("/newsroom/banner");
        Assert.Null(history.QuerySelector(".banner-current .banner-preview"));
        Assert.Contains("Anaya Kessler", history.QuerySelector(".banner-history tbody tr")!.TextContent); // raised and lowered by
    }

    [Fact]
    public async Task An_open_page_is_told_when_a_banner_goes_up_is_replaced_and_comes_down()
    {
        var front = await _server.GetDocumentAsync("/");
        var slot = front.QuerySelector(".banner-slot")!;
        Assert.Equal("0", slot.GetAttribute("data-banner"));
        await using var stream = await SseReader.OpenAsync(_server.Client, $"{slot.GetAttribute("data-stream")}?banner=0");
        Assert.Equal("text/event-stream", stream.Response.Content.Headers.ContentType!.MediaType);

        using var editor = await NewsroomClient.SignInAsync(_server, DemoLogins.Editor);
        (await RaiseAsync(editor, "BREAKING", "Flood warning for the river wards")).Dispose();
        var up = await NextEventAsync(stream);
        var first = JsonDocument.Parse(up.Data).RootElement;
        Assert.Equal("banner", up.Type);
        Assert.Equal(("BREAKING", "Flood warning for the river wards", JsonValueKind.Null),
            (first.GetProperty("label").GetString(), first.GetProperty("text").GetString(), first.GetProperty("path").ValueKind));
        Assert.Equal(up.Id, first.GetProperty("id").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture));

        (await RaiseAsync(editor, "UPDATE", "Flood warning lifted")).Dispose();
        var replaced = await NextEventAsync(stream);
        Assert.Equal(("banner", "Flood warning lifted"), (replaced.Type, JsonDocument.Parse(replaced.Data).RootElement.GetProperty("text").GetString()));
        Assert.NotEqual(up.Id, replaced.Id);

        // A page loaded now names the banner it shows, and its stream sends nothing until the next change.
        var loaded = (await _server.GetDocumentAsync("/")).QuerySelector(".banner-slot")!.GetAttribute("data-banner");
        Assert.Equal(replaced.Id, loaded);
        await using var current = await SseReader.OpenAsync(_server.Client, $"/site/live?banner={loaded}");
        // One that reconnects after missing the change gets the banner as it is now at once.
        await using var behind = await SseReader.OpenAsync(_server.Client, "/site/live", lastEventId: up.Id);
        Assert.Equal(replaced.Id, (await NextEventAsync(behind)).Id);

        (await editor.SubmitAsync("/newsroom/banner", "form[action*='handler=Lower']", [])).Dispose();
        var down = await NextEventAsync(stream);
        Assert.Equal(("lowered", "0"), (down.Type, down.Id));
        Assert.Equal(("lowered", "0"), ((await NextEventAsync(current)).Type, (await NextEventAsync(behind)).Id));
    }

    [Fact]
    public async Task A_banner_comes_down_by_itself_at_its_expiry_from_cached_and_open_pages()
    {
        using var editor = await NewsroomClient.SignInAsync(_server, DemoLogins.Editor);
        (await RaiseAsync(editor, "LIVE", "Polls close at 8 p.m.", expiresInMinutes: 30)).Dispose();
        var page = await _server.GetDocumentAsync("/section/politics");
        Assert.NotNull(BannerOf(page));
        Assert.False(string.IsNullOrEmpty(page.QuerySelector(".banner-slot")!.GetAttribute("data-expires")));
        await using var stream = await SseReader.OpenAsync(_server.Client, $"/site/live?banner={page.QuerySelector(".banner-slot")!.GetAttribute("data-banner")}");

        _clock.Advance(TimeSpan.FromMinutes(29));
        Assert.NotNull(BannerOf(await _server.GetDocumentAsync("/section/politics")));

        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal("lowered", (await NextEventAsync(stream)).Type);
        Assert.Null(BannerOf(await _server.GetDocumentAsync("/section/politics"))); // the cached page with the banner is gone
        Assert.Null(BannerOf(await _server.GetDocumentAsync("/")));
        var history = await editor.GetDocumentAsync("/newsroom/banner");
        Assert.Null(history.QuerySelector(".banner-current .banner-preview"));
        Assert.Contains("Expired", history.QuerySelector(".banner-history tbody tr")!.TextContent);
    }

    [Fact]
    public async Task The_live_desk_offers_the_storys_LIVE_banner_in_one_click_and_it_comes_down_when_coverage_ends()
    {
        var (storyId, storyPath) = await _server.ArticleAsync(LiveStorySlug);
        await _server.InScopeAsync(async services =>
        {
            if (await services.GetRequiredService<MastheadDb>().Articles.Where(a => a.Id == storyId).Select(a => a.Coverage).SingleAsync() != CoverageStatus.Live)
            {
                await services.GetRequiredService<LiveService>().StartAsync(Actor.System, storyId);
            }
        });
        using var editor = await NewsroomClient.SignInAsync(_server, DemoLogins.Editor);
        var desk = $"/newsroom/live/{storyId}";

        using var raised = await editor.SubmitAsync(desk, "form[action*='handler=Banner']", []);
        var page = await _server.GetDocumentAsync("/");
        await using var stream = await SseReader.OpenAsync(_server.Client, $"/site/live?banner={page.QuerySelector(".banner-slot")!.GetAttribute("data-banner")}");

        Assert.Equal(HttpStatusCode.Redirect, raised.StatusCode);
        var banner = BannerOf(page)!;
        Assert.Equal("LIVE", banner.QuerySelector(".site-banner-label")!.TextContent);
        Assert.Equal(storyPath, banner.QuerySelector("a.site-banner-text")!.GetAttribute("href"));
        Assert.Null((await editor.GetDocumentAsync(desk)).QuerySelector("form[action*='handler=Banner']")); // it is up: nothing more to offer

        using var ended = await editor.SubmitAsync(desk, "form[action*='handler=End']", []);
        Assert.Equal("lowered", (await NextEventAsync(stream)).Type);
        Assert.Null(BannerOf(await _server.GetDocumentAsync("/")));
        Assert.Null((await editor.GetDocumentAsync(desk)).QuerySelector("form[action*='handler=Banner']")); // coverage is over
    }

    [Fact]
    public async Task Only_editors_run_the_banner_and_a_banner_without_text_is_refused_with_the_reason()
    {
        using var reporter = await NewsroomClient.SignInAsync(_server, DemoLogins.Reporter);
        using var page = await reporter.Http.GetAsync("/newsroom/banner");
        using var forged = await reporter.PostAsync("/newsroom/banner?handler=Raise", new() { ["Label"] = "BREAKING", ["Text"] = "Forged", ["ExpiresInMinutes"] = "0" });
        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (page.StatusCode, forged.StatusCode));

        using var editor = await NewsroomClient.SignInAsync(_server, DemoLogins.Editor);
        using var refused = await RaiseAsync(editor, "BREAKING", "   ");
        var form = await MastheadServer.ParseAsync(await refused.Content.ReadAsStringAsync());
        Assert.Contains("The banner has no text.", form.QuerySelector(".errors")!.TextContent);
        Assert.Equal("BREAKING", form.QuerySelector("input[name=Label]")!.GetAttribute("value"));
        Assert.Null(BannerOf(await _server.GetDocumentAsync("/")));
        Assert.Null(await _server.InScopeAsync(services => services.GetRequiredService<BannerQueries>().CurrentAsync()));
    }
}
