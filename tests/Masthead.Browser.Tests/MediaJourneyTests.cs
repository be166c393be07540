using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Masthead.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Masthead.Browser.Tests;

/// <summary>
/// Photos in Chromium as a newsroom files them: a reporter drops a photo onto the editor's text and pastes another
/// as the lead image, an editor publishes the story, and a reader on a phone gets a variant no wider than needed.
/// The media library's pages and the chooser are checked by axe and photographed at phone and laptop widths.
/// </summary>
public sealed partial class MediaJourneyTests(BrowserSiteFixture site) : IClassFixture<BrowserSiteFixture>
{
    private static readonly BrowserNewContextOptions Desktop = new() { ViewportSize = new() { Width = 1280, Height = 900 } };
    private static readonly BrowserNewContextOptions Phone = new() { ViewportSize = new() { Width = 390, Height = 844 }, DeviceScaleFactor = 1, IsMobile = true, HasTouch = true };

    /// <summary>Makes a photo-like JPEG in the page and hands it to the editor's text as a drop or a paste.</summary>
    private const string GiveFile = """
        async ([how, name, width, height]) => {
          const canvas = Object.assign(document.createElement("canvas"), { width, height });
          const context = canvas.getContext("2d");
          const sky = context.createLinearGradient(0, 0, 0, height);
          sky.addColorStop(0, "#8ab6e8");
          sky.addColorStop(1, "#1d4f91");
          context.fillStyle = sky;
          context.fillRect(0, 0, width, height);
          context.fillStyle = "#f0b429";
          context.beginPath();
          context.arc(width * 0.7, height * 0.35, height * 0.15, 0, Math.PI * 2);
          context.fill();
          const blob = await new Promise((resolve) => canvas.toBlob(resolve, "image/jpeg", 0.9));
          const file = new File([blob], name, { type: "image/jpeg" });
          const transfer = new DataTransfer();
          transfer.items.add(file);
          const body = document.querySelector("textarea[data-media-body]");
          body.focus();
          body.setSelectionRange(body.value.length, body.value.length);
          if (how === "drop") {
            body.dispatchEvent(new DragEvent("dragover", { dataTransfer: transfer, bubbles: true, cancelable: true }));
            body.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
          } else {
            body.dispatchEvent(new ClipboardEvent("paste", { clipboardData: transfer, bubbles: true, cancelable: true }));
          }
        }
        """;

    [Fact]
    public async Task A_reporter_drops_a_photo_into_the_text_and_pastes_a_lead_image_and_a_phone_reader_gets_a_small_variant()
    {
        var story = Guid.NewGuid().ToString("N")[..6];
        var headline = $"Ferry crews rehearse a winter rescue off Pell Island ({story})";

        var reporter = await SignInAsync(DemoLogins.Reporter, "Tobias Wren", Desktop);
        await reporter.GotoAsync("/newsroom/articles/new");
        await reporter.GetByLabel("Headline", new() { Exact = true }).FillAsync(headline);
        await reporter.GetByLabel("Standfirst", new() { Exact = true }).FillAsync("Two crews practised pulling a swimmer from the harbour in the dark.");
        await reporter.GetByLabel("Body", new() { Exact = true }).FillAsync("The drill began at 6pm, as the last ferry left.");

        // A photo dropped onto the text: the dialog asks for its alt text, uploads it and inserts it at the cursor.
        await reporter.EvaluateAsync(GiveFile, new object[] { "drop", "rescue-drill.jpg", 2400, 1600 });
        var dialog = reporter.GetByRole(AriaRole.Dialog, new() { Name = "Add a photo or PDF to the article" });
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog.GetByText("rescue-drill.jpg")).ToBeVisibleAsync();
        await Expect(dialog.GetByLabel("Alt text: what the image shows")).ToBeFocusedAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Upload and insert in the text" }).ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Status)).ToContainTextAsync("Add alt text first");
        await dialog.GetByLabel("Alt text: what the image shows").FillAsync("A crew hauls a swimmer into the rescue boat");
        await dialog.GetByLabel("Credit (optional: photographer, agency)").FillAsync("Tobias Wren");
        await Screenshots.SaveAsync(reporter, "media-upload-dialog-1280");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Upload and insert in the text" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        var body = reporter.GetByLabel("Body", new() { Exact = true });
        await Expect(body).ToHaveValueAsync(InlineImage());

        // A screenshot pasted into the text becomes the lead image instead.
        await reporter.EvaluateAsync(GiveFile, new object[] { "paste", "image.jpg", 1600, 1200 });
        await Expect(dialog).ToBeVisibleAsync();
        await dialog.GetByLabel("Alt text: what the image shows").FillAsync("The rescue boat leaves the harbour at dusk");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Upload and set as lead image" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(reporter.GetByLabel("Image address", new() { Exact = true })).ToHaveValueAsync(new Regex("^/media/[a-z2-7]{12}/image\\.jpg$"));
        await Expect(reporter.GetByLabel("Alt text (what the image shows)")).ToHaveValueAsync("The rescue boat leaves the harbour at dusk");

        // It appears in the preview.
        await reporter.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Expect(reporter.Locator("#preview img[alt='A crew hauls a swimmer into the rescue boat']")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(reporter, "media-editor-inline-image-1280");
        await reporter.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Expect(reporter.Locator("main .flash[role=status]")).ToContainTextAsync("as a draft");
        await reporter.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        var editorPath = new Uri(reporter.Url).AbsolutePath;

        // An editor publishes it.
        var editor = await SignInAsync(DemoLogins.Editor, "Anaya Kessler", Desktop);
        await editor.GotoAsync(editorPath);
        await editor.GetByRole(AriaRole.Button, new() { Name = "Publish now" }).ClickAsync();
        await Expect(editor.Locator("main .flash[role=status]")).ToHaveTextAsync("Published.");
        var publicPath = await editor.GetByRole(AriaRole.Link, new() { Name = "See it as readers do" }).GetAttributeAsync("href");

        // A reader on a phone gets variants no wider than the phone needs.
        var reader = await site.NewPageAsync(Phone);
        await reader.GotoAsync(publicPath!);
        var lead = reader.Locator("figure.lead-image img");
        var inline = reader.Locator(".article-body img[alt='A crew hauls a swimmer into the rescue boat']");
        await Expect(lead).ToHaveAttributeAsync("fetchpriority", "high");
        await inline.ScrollIntoViewIfNeededAsync();
        foreach (var image in new[] { lead, inline })
        {
            await Expect(image).ToHaveJSPropertyAsync("complete", true);
            var chosen = await image.EvaluateAsync<string>("img => img.currentSrc");
            var width = int.Parse(VariantWidth().Match(chosen).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(width <= 640, $"A 390-pixel-wide phone loaded {chosen}");
            Assert.EndsWith(".webp", chosen, StringComparison.Ordinal);
            Assert.Contains(chosen[chosen.IndexOf("/media/", StringComparison.Ordinal)..],
                await image.EvaluateAsync<string>("img => img.closest('picture').querySelector('source').srcset"), StringComparison.Ordinal);
        }

        await Screenshots.SaveAsync(reader, "media-article-phone-390");
    }

    [Fact]
    public async Task The_library_an_item_and_the_chooser_have_no_axe_violations_at_phone_and_laptop_widths()
    {
        foreach (var (options, width) in new[] { (Desktop, 1280), (Phone, 390) })
        {
            var page = await SignInAsync(DemoLogins.Administrator, "Delphine Marrow", options);
            await page.GotoAsync("/newsroom/media");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Media library", Level = 1 })).ToBeVisibleAsync();
            await Expect(page.Locator(".media-tile").First).ToBeVisibleAsync();
            await AssertNoAxeViolationsAsync(page, "/newsroom/media");
            await Screenshots.SaveAsync(page, $"media-library-{width}");

            await page.GetByRole(AriaRole.Searchbox, new() { Name = "Search" }).FillAsync("city-hall");
            await page.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
            await page.Locator(".media-tile > a").First.ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Where it is used" })).ToBeVisibleAsync();
            var picker = page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Focal point") });
            await picker.FocusAsync();
            await page.Keyboard.PressAsync("ArrowLeft");
            await Expect(page.GetByLabel("Across (%)")).ToHaveValueAsync("45");
            await AssertNoAxeViolationsAsync(page, page.Url);
            await Screenshots.SaveAsync(page, $"media-item-{width}");

            await page.GotoAsync("/newsroom/settings");
            await page.GetByRole(AriaRole.Button, new() { Name = "Choose or upload an image" }).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Choose the logo" });
            await Expect(dialog.Locator(".media-choice").First).ToBeVisibleAsync();
            await AssertNoAxeViolationsAsync(page, "the chooser on /newsroom/settings");
            await Screenshots.SaveAsync(page, $"media-chooser-{width}");
            await dialog.GetByRole(AriaRole.Searchbox).FillAsync("logo");
            await dialog.Locator(".media-choice", new() { HasText = "logo.svg" }).ClickAsync();
            await Expect(dialog).ToBeHiddenAsync();
            await Expect(page.GetByLabel("Logo URL")).ToHaveValueAsync(new Regex("^/media/[a-z2-7]{12}/logo\\.svg$"));
            await Expect(page.GetByLabel("Logo URL")).ToBeFocusedAsync();
            await page.Context.CloseAsync();
        }
    }

    private static async Task AssertNoAxeViolationsAsync(IPage page, string what)
    {
        var results = await page.RunAxe();
        Assert.True(results.Violations.Length == 0, $"axe found violations on {what}:\n" + string.Join("\n", results.Violations.Select(v =>
            $"- {v.Id} ({v.Impact}): {v.Help}\n" + string.Join("\n", v.Nodes.Select(n => $"    {n.Target}: {n.Html}")))));
    }

    private async Task<IPage> SignInAsync((string Email, string Password) login, string name, BrowserNewContextOptions options)
    {
        var page = await site.NewPageAsync(options);
        await page.GotoAsync("/newsroom");
        await page.GetByLabel("Email").FillAsync(login.Email);
        await page.GetByLabel("Password").FillAsync(login.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Good to see you, {name}", Level = 1 })).ToBeVisibleAsync();
        return page;
    }

    [GeneratedRegex(@"^.*!\[A crew hauls a swimmer into the rescue boat\]\(/media/[a-z2-7]{12}/rescue-drill\.jpg\)$", RegexOptions.Singleline)]
    private static partial Regex InlineImage();

    [GeneratedRegex(@"/([0-9]+)\.(?:webp|jpg|png)$")]
    private static partial Regex VariantWidth();
}
