using System.Text.RegularExpressions;
using Masthead.Live;
using Masthead.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Masthead.Browser.Tests;

/// <summary>A reader watches the budget story in Chromium while an editor runs it from the live desk in another context.</summary>
public sealed partial class LiveStoryTests(BrowserSiteFixture site) : IClassFixture<BrowserSiteFixture>
{
    private static readonly TimeSpan Arrival = TimeSpan.FromSeconds(2);
    private static readonly LocatorAssertionsToHaveCountOptions Soon = new() { Timeout = (float)Arrival.TotalMilliseconds };

    /// <summary>The story's stream, not the site-wide one (/site/live) every page also follows.</summary>
    [GeneratedRegex(@"(?<!/site)/live\?")]
    private static partial Regex StreamRequest();

    private async Task<(string Path, string Desk)> StoryAsync()
    {
        var (id, path) = await site.Server.ArticleAsync("council-budget-night");
        return (path, $"/newsroom/live/{id}");
    }

    /// <summary>An editor at the desk, with coverage live (another test may have ended it) and confirmations accepted.</summary>
    private async Task<IPage> EditorAtDeskAsync(string desk)
    {
        var editor = await site.NewPageAsync();
        editor.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await editor.GotoAsync("/newsroom/sign-in");
        await editor.FillAsync("input[name=Email]", DemoLogins.Editor.Email);
        await editor.FillAsync("input[name=Password]", DemoLogins.Editor.Password);
        await editor.ClickAsync("button[type=submit]");
        await editor.GotoAsync(desk);
        var start = editor.Locator("form[action*='handler=Start'] button");
        if (await start.CountAsync() > 0)
        {
            await start.ClickAsync();
        }

        return editor;
    }

    private async Task<IPage> ReaderAsync(string path, BrowserNewContextOptions? options = null)
    {
        var reader = await site.NewPageAsync(options);
        await reader.GotoAsync(path);
        await reader.WaitForFunctionAsync("() => document.querySelector('section.live')?.dataset.status === 'live'");
        return reader;
    }

    private static async Task PostAsync(IPage editor, string body, string title = "", bool key = false)
    {
        await editor.FillAsync("input[name=Title]", title);
        await editor.FillAsync("textarea[name=Body]", body);
        await editor.SetCheckedAsync("input[name=IsKey]", key);
        await editor.PressAsync("textarea[name=Body]", "Control+Enter");
        await editor.WaitForSelectorAsync(".flash");
    }

    /// <summary>Presses a button on the desk's entry for the update containing <paramref name="text"/>.</summary>
    private static async Task OnDeskAsync(IPage editor, string text, string button)
    {
        await editor.Locator(".desk-updates > li", new() { HasText = text }).GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
        await editor.WaitForSelectorAsync(".flash");
    }

    private static Task WaitForAsync(Func<bool> condition) => WaitForAsync(() => Task.FromResult(condition()));

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        for (var waited = 0; !await condition(); waited += 100)
        {
            Assert.True(waited < 20_000, "Timed out waiting.");
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Counts, in the page, each connection its script opens to the story's stream and each probe it sends before
    /// reconnecting, and each probe whose answer it has read: what the page did, known the moment it did it.
    /// </summary>
    private const string StreamAttemptsSpy = """
        window.streamAttempts = { connections: 0, probes: 0, probesAnswered: 0 };
        window.EventSource = class extends window.EventSource {
          constructor(...args) { super(...args); if (!String(args[0]).startsWith("/site/")) window.streamAttempts.connections++; }
        };
        const fetchFromThePage = window.fetch;
        window.fetch = (...args) => {
          if (!String(args[0]).includes("/live?")) return fetchFromThePage(...args);
          window.streamAttempts.probes++;
          return fetchFromThePage(...args).finally(() => window.streamAttempts.probesAnswered++);
        };
        """;

    [Fact]
    public async Task A_reader_sees_an_update_from_the_desk_without_reloading_and_catches_up_after_a_dropped_connection()
    {
        var (path, desk) = await StoryAsync();
        var editor = await EditorAtDeskAsync(desk);
        var reader = await ReaderAsync(path);
        var loads = 0;
        reader.Load += (_, _) => loads++;

        await PostAsync(editor, "The mayor has arrived in the chamber.");
        await Assertions.Expect(reader.Locator(".live-updates .live-update").First)
            .ToContainTextAsync("The mayor has arrived", new() { Timeout = (float)Arrival.TotalMilliseconds });

        site.Server.Services.GetRequiredService<ILiveBroadcaster>().Close(await StoryIdAsync());
        await PostAsync(editor, "Posted while the reader was reconnecting.");
        await Assertions.Expect(reader.Locator(".live-updates .live-update").First).ToContainTextAsync("while the reader was reconnecting", new() { Timeout = 10_000 });

        Assert.Equal(0, loads);
        Assert.Equal(1, await reader.Locator(".live-update:has-text('The mayor has arrived')").CountAsync());
        await reader.ScreenshotAsync(new() { Path = Path.Combine(TestEnvironment.ArtifactsDirectory, "live-story.png"), FullPage = true });
    }

    [Fact]
    public async Task A_desk_says_when_a_colleague_posts_without_reloading()
    {
        var (_, desk) = await StoryAsync();
        var watching = await EditorAtDeskAsync(desk);
        var colleague = await EditorAtDeskAsync(desk);
        await Assertions.Expect(watching.Locator(".desk-activity")).ToBeHiddenAsync();

        await PostAsync(colleague, "Posted from the other end of the press bench.");

        await Assertions.Expect(watching.Locator(".desk-activity")).ToContainTextAsync("1 new change", new() { Timeout = (float)Arrival.TotalMilliseconds });
        await watching.ClickAsync(".desk-activity a");
        await Assertions.Expect(watching.Locator(".desk-updates > li").First).ToContainTextAsync("other end of the press bench");
    }

    [Fact]
    public async Task A_reader_who_has_scrolled_down_is_offered_the_new_updates_in_view_and_sees_one_pinned_before_taking_them()
    {
        var (path, desk) = await StoryAsync();
        var editor = await EditorAtDeskAsync(desk);
        var reader = await ReaderAsync(path, new() { ViewportSize = new() { Width = 1000, Height = 600 } });
        await reader.EvaluateAsync("() => window.scrollTo(0, document.body.scrollHeight)");
        var before = await reader.Locator(".live-updates > li").CountAsync();

        await PostAsync(editor, "A quiet update for a reader further down.");
        var button = reader.Locator(".live-new");
        await Assertions.Expect(button).ToBeVisibleAsync(new() { Timeout = (float)Arrival.TotalMilliseconds });
        await Assertions.Expect(button).ToHaveTextAsync("1 new update");
        var box = (await button.BoundingBoxAsync())!;
        Assert.InRange(box.Y, 0, 600 - box.Height);
        Assert.Equal(before, await reader.Locator(".live-updates > li").CountAsync());

        await OnDeskAsync(editor, "A quiet update", "Pin to top");
        await Assertions.Expect(reader.Locator(".live-lead-update .live-body")).ToContainTextAsync("A quiet update", new() { Timeout = (float)Arrival.TotalMilliseconds });
        await Assertions.Expect(reader.Locator("#live-lead-heading")).ToHaveTextAsync("Pinned");

        await button.EvaluateAsync("b => b.click()"); // a click where the reader is, without scrolling first
        await Assertions.Expect(reader.Locator(".live-updates .live-update").First).ToContainTextAsync("A quiet update");
        await Assertions.Expect(reader.Locator(".live-lead-update .live-body")).ToContainTextAsync("A quiet update");
        await Assertions.Expect(reader.Locator(".live-update:has-text('A quiet update')")).ToHaveCountAsync(2); // the list and the pinned copy at the top
    }

    [Fact]
    public async Task The_key_updates_list_and_edited_marks_follow_the_desk_without_reloading()
    {
        var (path, desk) = await StoryAsync();
        var editor = await EditorAtDeskAsync(desk);
        var reader = await ReaderAsync(path);
        var keyLinks = reader.Locator(".live-key .live-key-title");

        await PostAsync(editor, "Council Member Navarrete's amendment is adopted.", "Amendment adopted", key: true);
        await Assertions.Expect(keyLinks.First).ToHaveTextAsync("Amendment adopted", new() { Timeout = (float)Arrival.TotalMilliseconds });

        await editor.Locator(".desk-updates > li", new() { HasText = "Amendment adopted" }).GetByRole(AriaRole.Link, new() { Name = "Edit" }).ClickAsync();
        await editor.FillAsync("input[name=Title]", "Library amendment adopted");
        await editor.ClickAsync("button:has-text('Save changes')");
        await editor.WaitForSelectorAsync(".flash");
        await Assertions.Expect(keyLinks.First).ToHaveTextAsync("Library amendment adopted", new() { Timeout = (float)Arrival.TotalMilliseconds });
        var card = reader.Locator(".live-updates .live-update", new() { HasText = "Library amendment adopted" });
        await Assertions.Expect(card.Locator(".live-edited")).ToContainTextAsync("Edited");
        await Assertions.Expect(card.Locator(".live-ago")).ToHaveCountAsync(1);

        await OnDeskAsync(editor, "Transit is next.", "Mark key");
        await OnDeskAsync(editor, "Library amendment adopted", "Unmark key");
        await Assertions.Expect(reader.Locator(".live-key a", new() { HasText = "Library amendment adopted" })).ToHaveCountAsync(0, Soon);

        var server = await site.Server.GetDocumentAsync(path);
        var links = reader.Locator(".live-key a");
        await Assertions.Expect(links).ToHaveTextAsync(server.QuerySelectorAll(".live-key a").Select(a => a.TextContent).ToArray());
        Assert.Equal(
            server.QuerySelectorAll(".live-key a").Select(a => a.GetAttribute("href")),
            await links.EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))"));
    }

    [Fact]
    public async Task Relative_times_count_days_and_stay_on_the_page_after_coverage_ends()
    {
        var (path, desk) = await StoryAsync();
        var editor = await EditorAtDeskAsync(desk);
        var reader = await ReaderAsync(path);
        var oldest = reader.Locator(".live-updates > li").Last;
        await oldest.Locator(".live-time time").EvaluateAsync("time => time.dateTime = new Date(Date.now() - 3 * 86400000).toISOString()");

        await PostAsync(editor, "The council takes a dinner break.");
        await Assertions.Expect(oldest.Locator(".live-ago")).ToContainTextAsync("3 days ago", new() { Timeout = (float)Arrival.TotalMilliseconds });

        await editor.ClickAsync("form[action*='handler=End'] button");
        await editor.WaitForSelectorAsync(".flash");
        await Assertions.Expect(reader.Locator(".live-status")).ToContainTextAsync("Coverage ended", new() { Timeout = (float)Arrival.TotalMilliseconds });
        await Assertions.Expect(reader.Locator(".live-badge")).ToHaveCountAsync(0);
        await reader.ReloadAsync();
        await Assertions.Expect(reader.Locator(".live-updates .live-ago").Last).ToContainTextAsync("hours ago");
    }

    [Fact]
    public async Task A_reader_offline_while_coverage_ended_and_resumed_sees_it_live_again_with_the_new_update()
    {
        var (path, desk) = await StoryAsync();
        var editor = await EditorAtDeskAsync(desk);
        var reader = await ReaderAsync(path);
        await reader.RouteAsync(StreamRequest(), route => route.AbortAsync());
        site.Server.Services.GetRequiredService<ILiveBroadcaster>().Close(await StoryIdAsync());

        await editor.ClickAsync("form[action*='handler=End'] button");
        await editor.WaitForSelectorAsync(".flash");
        await editor.ClickAsync("form[action*='handler=Start'] button");
        await editor.WaitForSelectorAsync(".flash");
        await PostAsync(editor, "Members are back from the dinner break.");
        await reader.UnrouteAsync(StreamRequest());

        await Assertions.Expect(reader.Locator(".live-updates .live-update").First).ToContainTextAsync("back from the dinner break", new() { Timeout = 20_000 });
        await Assertions.Expect(reader.Locator(".live-badge")).ToHaveCountAsync(1);
        await Assertions.Expect(reader.Locator(".live-status")).ToContainTextAsync("Coverage is live");
        Assert.Equal("live", await reader.EvaluateAsync<string>("() => document.querySelector('section.live').dataset.status"));
    }

    [Fact]
    public async Task A_reader_refused_by_the_proxy_while_reconnecting_tries_again_and_catches_up()
    {
        var (path, desk) = await StoryAsync();
        var editor = await EditorAtDeskAsync(desk);
        var reader = await ReaderAsync(path);
        var refused = 0;
        await reader.RouteAsync(StreamRequest(), async route =>
        {
            Interlocked.Increment(ref refused);
            await route.FulfillAsync(new() { Status = 502, Body = "Bad gateway" });
        });

        site.Server.Services.GetRequiredService<ILiveBroadcaster>().Close(await StoryIdAsync());
        await WaitForAsync(() => Volatile.Read(ref refused) >= 2); // the browser's own reconnect, then the page's first retry
        await reader.UnrouteAsync(StreamRequest());
        await PostAsync(editor, "Posted while a proxy refused the reader.");

        await Assertions.Expect(reader.Locator(".live-updates .live-update").First).ToContainTextAsync("while a proxy refused the reader", new() { Timeout = 20_000 });
    }

    [Fact]
    public async Task A_reader_stops_reconnecting_when_the_story_is_gone()
    {
        var (path, desk) = await StoryAsync();
        await EditorAtDeskAsync(desk);
        // The page's own retries wait on its timers, which fire only when the test runs its clock; the browser's
        // reconnect after a dropped stream does not.
        var reader = await site.NewPageAsync();
        var now = DateTime.UtcNow;
        await reader.Clock.InstallAsync(new() { TimeDate = now });
        await reader.Clock.PauseAtAsync(now.AddSeconds(1));
        await reader.AddInitScriptAsync(StreamAttemptsSpy);
        await reader.GotoAsync(path);
        await Assertions.Expect(reader.Locator("section.live")).ToHaveAttributeAsync("data-status", "live");
        var requests = 0;
        await reader.RouteAsync(StreamRequest(), async route =>
        {
            Interlocked.Increment(ref requests);
            await route.FulfillAsync(new() { Status = 404 });
        });
        Task<int> Attempts(string kind) => reader.EvaluateAsync<int>($"() => window.streamAttempts.{kind}");

        site.Server.Services.GetRequiredService<ILiveBroadcaster>().Close(await StoryIdAsync());
        await WaitForAsync(() => Volatile.Read(ref requests) >= 1); // the browser's own reconnect, refused
        await WaitForAsync(async () =>
        {
            await reader.Clock.RunForAsync(1000);
            return Volatile.Read(ref requests) >= 2; // the page's first retry, refused as well
        });
        await WaitForAsync(async () => await Attempts("probesAnswered") == 1);
        await reader.Clock.RunForAsync(5 * 60_000); // far past any retry the page could have set after that answer

        Assert.Equal((1, 1), (await Attempts("connections"), await Attempts("probes")));
        Assert.Equal(2, Volatile.Read(ref requests));
    }

    [Fact]
    public async Task A_phone_readers_first_screen_shows_the_newest_update_and_follows_the_next()
    {
        var (path, desk) = await StoryAsync();
        var editor = await EditorAtDeskAsync(desk);
        await PostAsync(editor, "The council has voted 7-2 to adopt the budget, library hours included.", "Budget adopted");
        var reader = await ReaderAsync(path, new() { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });

        // Under a pinned update the newest shows as a line above it; with no pin it is the update at the top.
        var newest = reader.Locator(".live-latest, .live-lead-update .live-update").Filter(new() { HasText = "Budget adopted" });
        await Assertions.Expect(newest).ToBeVisibleAsync();
        Assert.InRange((await newest.BoundingBoxAsync())!.Y, 0, 844 - 40);
        await reader.ScreenshotAsync(new() { Path = Path.Combine(TestEnvironment.ArtifactsDirectory, "live-story-phone-first-screen.png") });

        await PostAsync(editor, "Mayor Farrow says she will sign the budget on Monday.", "Mayor will sign");
        var next = reader.Locator(".live-latest, .live-lead-update .live-update").Filter(new() { HasText = "Mayor will sign" });
        await Assertions.Expect(next).ToBeVisibleAsync(new() { Timeout = (float)Arrival.TotalMilliseconds });
        Assert.InRange((await next.BoundingBoxAsync())!.Y, 0, 844 - 40);
        await Assertions.Expect(reader.Locator(".live-status")).ToContainTextAsync("appear here as they are posted");
        await reader.ScreenshotAsync(new() { Path = Path.Combine(TestEnvironment.ArtifactsDirectory, "live-story-phone-next-update.png") });
        await Screenshots.SaveAsync(reader, "live-story-phone");
    }

    private async Task<int> StoryIdAsync() => (await site.Server.ArticleAsync("council-budget-night")).Id;
}
