using Masthead.Core.Live;
using Masthead.Core.Storage;
using Masthead.Live;
using Masthead.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Masthead.Browser.Tests;

/// <summary>A reader watches the budget story in Chromium while an editor runs it from the live desk in another context.</summary>
public sealed class LiveStoryTests(BrowserSiteFixture site) : IClassFixture<BrowserSiteFixture>
{
    private static readonly TimeSpan Arrival = TimeSpan.FromSeconds(2);

    private async Task<(string Path, string Desk)> StoryAsync()
    {
        var story = await site.Server.InScopeAsync(services => services.GetRequiredService<MastheadDb>().Articles
            .Where(a => a.Slug == "council-budget-night").Select(a => new { a.Id, a.UrlDate, a.Coverage }).SingleAsync());
        return (Masthead.Core.Articles.ArticleUrls.PathFor(story.UrlDate!.Value, "council-budget-night"), $"/newsroom/live/{story.Id}");
    }

    private async Task<IPage> EditorAtDeskAsync(string desk)
    {
        var editor = await site.NewPageAsync();
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

    private static async Task PostAsync(IPage editor, string body)
    {
        await editor.FillAsync("textarea[name=Body]", body);
        await editor.PressAsync("textarea[name=Body]", "Control+Enter");
        await editor.WaitForSelectorAsync(".flash");
    }

    [Fact]
    public async Task A_reader_sees_an_update_from_the_desk_without_reloading_and_catches_up_after_a_dropped_connection()
    {
        var (path, desk) = await StoryAsync();
        var editor = await EditorAtDeskAsync(desk);
        var reader = await site.NewPageAsync();
        await reader.GotoAsync(path);
        await reader.WaitForFunctionAsync("() => document.querySelector('section.live')?.dataset.status === 'live'");
        var loads = 0;
        reader.Load += (_, _) => loads++;

        await PostAsync(editor, "The mayor has arrived in the chamber.");
        await Assertions.Expect(reader.Locator(".live-updates .live-update").First).ToContainTextAsync("The mayor has arrived", new() { Timeout = (float)Arrival.TotalMilliseconds });

        site.Server.Services.GetRequiredService<ILiveBroadcaster>().Close(await StoryIdAsync());
        await PostAsync(editor, "Posted while the reader was reconnecting.");
        await Assertions.Expect(reader.Locator(".live-updates .live-update").First).ToContainTextAsync("while the reader was reconnecting", new() { Timeout = 10_000 });

        Assert.Equal(0, loads);
        Assert.Equal(1, await reader.Locator(".live-update:has-text('The mayor has arrived')").CountAsync());
        await reader.ScreenshotAsync(new() { Path = Path.Combine(TestEnvironment.ArtifactsDirectory, "live-story.png"), FullPage = true });
    }

    [Fact]
    public async Task A_reader_who_has_scrolled_down_is_offered_the_new_updates_instead_of_having_the_page_shift()
    {
        var (path, desk) = await StoryAsync();
        var editor = await EditorAtDeskAsync(desk);
        var reader = await site.NewPageAsync(new() { ViewportSize = new() { Width = 1000, Height = 600 } });
        await reader.GotoAsync(path);
        await reader.EvaluateAsync("() => window.scrollTo(0, document.body.scrollHeight)");
        var before = await reader.Locator(".live-updates > li").CountAsync();

        await PostAsync(editor, "A quiet update for a reader further down.");
        var button = reader.Locator(".live-new");
        await Assertions.Expect(button).ToBeVisibleAsync(new() { Timeout = (float)Arrival.TotalMilliseconds });
        await Assertions.Expect(button).ToHaveTextAsync("1 new update");
        Assert.Equal(before, await reader.Locator(".live-updates > li").CountAsync());

        await button.EvaluateAsync("b => b.click()"); // a click where the reader is, without scrolling first
        await Assertions.Expect(reader.Locator(".live-updates .live-update").First).ToContainTextAsync("A quiet update");
    }

    private Task<int> StoryIdAsync() => site.Server.InScopeAsync(services =>
        services.GetRequiredService<MastheadDb>().Articles.Where(a => a.Slug == "council-budget-night").Select(a => a.Id).SingleAsync());
}
