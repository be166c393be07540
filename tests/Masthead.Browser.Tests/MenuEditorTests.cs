using Masthead.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Masthead.Browser.Tests;

/// <summary>An editor rearranges the masthead's menu in Chromium with the keyboard, adds a tag page to it, and saves; readers see it.</summary>
public sealed class MenuEditorTests(BrowserSiteFixture site) : IClassFixture<BrowserSiteFixture>
{
    [Fact]
    public async Task An_editor_moves_a_section_and_adds_a_tag_page_to_the_menu_and_every_page_shows_it()
    {
        var (editor, violations) = await NewsroomPages.SignInWatchedAsync(site, DemoLogins.Editor);
        await editor.GetByRole(AriaRole.Navigation, new() { Name = "Newsroom" }).GetByRole(AriaRole.Link, new() { Name = "Menus" }).ClickAsync();
        var header = editor.GetByRole(AriaRole.Region, new() { Name = "Masthead menu" });
        await Screenshots.SaveAsync(editor, "menu-editor-desktop");

        var up = header.GetByRole(AriaRole.Button, new() { Name = "Move section “Culture” up" });
        await up.FocusAsync();
        await editor.Keyboard.PressAsync("Enter");
        await Expect(editor.Locator("#menu-status")).ToHaveTextAsync("Section “Culture” is now link 4 of 7 in the masthead menu.");
        await Expect(up).ToBeFocusedAsync();
        await editor.Keyboard.PressAsync("Enter");
        await editor.Keyboard.PressAsync("Enter");

        await header.GetByLabel("Add to the masthead menu").SelectOptionAsync(new SelectOptionValue { Label = "Budget" });
        await header.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await Expect(header.Locator("#header-7-label")).ToBeFocusedAsync();
        await editor.Keyboard.TypeAsync("City budget");
        await editor.Keyboard.PressAsync("Enter"); // shows the form again; saves nothing
        await Expect(header.Locator("#header-7-label")).ToHaveValueAsync("City budget");
        await Screenshots.SaveAsync(editor, "menu-editor-arranged-desktop");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Save the menus" }).ClickAsync();
        await Expect(editor.Locator("main .flash[role=status]")).ToHaveTextAsync("The menus are saved: every page shows them now.");
        await violations.AssertNoneAsync(editor, "while the editor moved, added and saved");

        var reader = await site.NewPageAsync(Viewports.Desktop);
        await reader.GotoAsync("/staff");
        await Expect(reader.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link))
            .ToHaveTextAsync(["Home", "Culture", "World", "Politics", "Business", "Our staff", "Contact", "City budget"]);
        var phone = await NewsroomPages.SignInAsync(site, DemoLogins.Editor, Viewports.Phone);
        await phone.GotoAsync("/newsroom/navigation");
        await Screenshots.SaveAsync(phone, "menu-editor-phone");
    }
}
