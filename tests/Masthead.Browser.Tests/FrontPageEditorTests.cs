using Masthead.Core.Storage;
using Masthead.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Masthead.Browser.Tests;

/// <summary>
/// An editor-in-chief shapes the front page in Chromium: finds two older stories, puts one in the lead by dragging it
/// with the mouse, moves the other with the keyboard alone, saves, and a reader sees the front page so arranged.
/// </summary>
public sealed class FrontPageEditorTests(BrowserSiteFixture site) : IClassFixture<BrowserSiteFixture>
{
    [Fact]
    public async Task An_editor_reorders_the_front_page_with_the_mouse_and_the_keyboard_and_readers_see_it_once_saved()
    {
        var terminal = await HeadlineAsync("rail-yard-expansion");
        var summit = await HeadlineAsync("river-summit-delegates");
        var (editor, violations) = await NewsroomPages.SignInWatchedAsync(site, DemoLogins.Editor);
        await editor.GetByRole(AriaRole.Navigation, new() { Name = "Newsroom" }).GetByRole(AriaRole.Link, new() { Name = "Front page" }).ClickAsync();
        await Expect(editor.GetByRole(AriaRole.Heading, new() { Name = "Front page", Level = 1 })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(editor, "front-page-editor-desktop");

        // Find two older stories and add them to the top stories: slots 1 and 2.
        foreach (var (query, headline, slot) in new[] { ("rail yard", terminal, 1), ("delegates", summit, 2) })
        {
            await editor.GetByLabel("Search published stories").FillAsync(query);
            await editor.GetByLabel("Search published stories").PressAsync("Enter");
            await Expect(editor.Locator("#found-heading")).ToBeFocusedAsync();
            await editor.Locator("#found").GetByRole(AriaRole.Button, new() { Name = $"Add to top stories: “{headline}”" }).ClickAsync();
            await Expect(Slot(editor, slot)).ToContainTextAsync(headline);
        }

        Assert.Equal("/newsroom/front-page", new Uri(editor.Url).AbsolutePath); // no reload: the page swapped in what changed

        // With the mouse: drag the summit story by its handle to the top of the list, into the lead.
        var handle = Slot(editor, 2).Locator(".drag-handle");
        var lead = await Slot(editor, 0).BoundingBoxAsync() ?? throw new InvalidOperationException("The lead slot is not shown.");
        await handle.HoverAsync();
        await editor.Mouse.DownAsync();
        await editor.Mouse.MoveAsync(lead.X + 10, lead.Y + 4, new() { Steps = 12 });
        await editor.Mouse.UpAsync();
        await Expect(Slot(editor, 0).Locator(".slot-story")).ToHaveTextAsync(summit);
        await Expect(Slot(editor, 0).Locator(".slot-name")).ToHaveTextAsync("Lead story");
        await Expect(Slot(editor, 2).Locator(".slot-story")).ToHaveTextAsync(terminal);

        // With the keyboard alone: the terminal story goes down one, and keeps the focus for the next press.
        var down = editor.GetByRole(AriaRole.Button, new() { Name = $"Move “{terminal}” down" });
        await down.FocusAsync();
        await editor.Keyboard.PressAsync("Enter");
        await Expect(Slot(editor, 3).Locator(".slot-story")).ToHaveTextAsync(terminal);
        await Expect(editor.Locator("#curation-status")).ToHaveTextAsync($"“{terminal}” is now top story 3.");
        await Expect(down).ToBeFocusedAsync();
        await editor.Keyboard.PressAsync("Space");
        await Expect(Slot(editor, 4).Locator(".slot-story")).ToHaveTextAsync(terminal);
        await editor.Keyboard.PressAsync("Shift+Tab"); // back to its Up button
        await editor.Keyboard.PressAsync("Enter");
        await Expect(Slot(editor, 3).Locator(".slot-story")).ToHaveTextAsync(terminal);
        await Screenshots.SaveAsync(editor, "front-page-editor-arranged-desktop");

        // The preview shows the arrangement, unsaved, in a new tab.
        var preview = await editor.Context.RunAndWaitForPageAsync(() =>
            editor.GetByRole(AriaRole.Button, new() { Name = "Preview in a new tab" }).ClickAsync());
        await Expect(Lead(preview)).ToHaveTextAsync(summit);
        await violations.AssertNoneAsync(preview, "on the front page's preview");
        await preview.CloseAsync();

        // Readers see none of it until the editor saves; then all of it.
        var (reader, readerViolations) = await NewsroomPages.WatchedPageAsync(site, Viewports.Desktop);
        await reader.GotoAsync("/");
        await Expect(Lead(reader)).Not.ToHaveTextAsync(summit);
        await editor.GetByRole(AriaRole.Button, new() { Name = "Save the front page" }).ClickAsync();
        await Expect(editor.Locator("main .flash[role=status]")).ToHaveTextAsync("The front page is saved: readers see it now.");

        await reader.ReloadAsync();
        await Expect(Lead(reader)).ToHaveTextAsync(summit);
        await Expect(reader.Locator(".front-top-stories .story-headline").Nth(2)).ToHaveTextAsync(terminal);
        await Screenshots.SaveAsync(reader, "front-curated-desktop");
        await readerViolations.AssertNoneAsync(reader, "on the curated front page");
        await violations.AssertNoneAsync(editor, "while the editor searched, dragged, moved and saved");
        var phone = await site.NewPageAsync(Viewports.Phone);
        await phone.GotoAsync("/");
        await Expect(Lead(phone)).ToHaveTextAsync(summit);
        await Screenshots.SaveAsync(phone, "front-curated-phone");

        var editorOnPhone = await NewsroomPages.SignInAsync(site, DemoLogins.Editor, Viewports.Phone);
        await editorOnPhone.GotoAsync("/newsroom/front-page");
        await Expect(Slot(editorOnPhone, 0).Locator(".slot-story")).ToHaveTextAsync(summit);
        await Screenshots.SaveAsync(editorOnPhone, "front-page-editor-phone");
    }

    private static ILocator Slot(IPage page, int slot) => page.Locator("#slots > li").Nth(slot);

    private static ILocator Lead(IPage page) => page.Locator(".front-lead .story-headline");

    private Task<string> HeadlineAsync(string slug) => site.Server.InScopeAsync(services =>
        services.GetRequiredService<MastheadDb>().Articles.Where(a => a.Slug == slug).Select(a => a.Headline).SingleAsync());
}
