using System.Text.RegularExpressions;
using Masthead.Core.Articles;
using Masthead.Core.People;
using Masthead.Core.Publishing;
using Masthead.Core.Text.Blocks;
using Masthead.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Masthead.Browser.Tests;

/// <summary>
/// The article editor's writing surface in Chromium: the toolbar writes Markdown into the form's own field, the
/// counts and hints follow the text, and the preview beside it shows the article as readers will see it, the same
/// as the published page. On a reader's page nothing is requested from an embed's provider until the reader clicks,
/// and the embed's box does not move when it loads. Screenshots at phone and desktop widths.
/// </summary>
public sealed class WritingSurfaceTests(BrowserSiteFixture site) : IClassFixture<BrowserSiteFixture>
{
    private const string Video = "https://youtu.be/dQw4w9WgXcQ";

    private ILocator Text(IPage page) => page.Locator(".writing-editor .cm-content");

    [Fact]
    public async Task A_reporter_formats_embeds_and_adds_blocks_from_the_toolbar_and_the_preview_follows_the_text()
    {
        var (page, violations) = await NewsroomPages.SignInWatchedAsync(site, DemoLogins.Reporter, Viewports.Desktop);
        var headline = $"Bypass vote splits the council ({Guid.NewGuid().ToString("N")[..6]})";
        await page.GotoAsync("/newsroom/articles/new");
        await page.GetByLabel("Headline", new() { Exact = true }).FillAsync(headline);
        await page.GetByLabel("Standfirst", new() { Exact = true }).FillAsync("Four votes to three, after a night of argument.");
        await Expect(page.Locator("#Form_Headline-length")).ToContainTextAsync($"{headline.Length} characters");

        await Text(page).ClickAsync();
        await page.Keyboard.TypeAsync("The council met until midnight. ");
        await page.GetByRole(AriaRole.Button, new() { Name = "Bold" }).ClickAsync();
        await page.Keyboard.TypeAsync("Four to three");
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync(Video);
        await page.Keyboard.PressAsync("End");
        await page.GetByRole(AriaRole.Button, new() { Name = "Embed a video, post, map or chart" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Callout: a note, warning or context box" }).ClickAsync();
        await page.Keyboard.TypeAsync("The bypass opens in 2028.");
        await page.Keyboard.PressAsync("Control+End");
        await page.GetByRole(AriaRole.Button, new() { Name = "Pull quote" }).ClickAsync();
        await page.Keyboard.TypeAsync("We will build it.");

        // The form's own field holds the Markdown, so saving (and anything else listening to the form) sees it.
        var field = page.Locator("textarea[name='Form.BodyMarkdown']");
        await Expect(field).ToHaveValueAsync(BodyWritten);
        await Expect(page.Locator(".writing-status")).ToHaveTextAsync(new Regex(@"^\d+ words · 1 min read$"));

        var preview = page.FrameLocator(".preview-frame");
        await Expect(preview.Locator("h1.article-headline")).ToHaveTextAsync(headline);
        await Expect(preview.Locator(".article-body strong")).ToHaveTextAsync("Four to three");
        await Expect(preview.Locator(".article-body figure.embed .embed-provider")).ToHaveTextAsync("YouTube");
        await Expect(preview.Locator(".article-body .callout-note")).ToContainTextAsync("The bypass opens in 2028.");
        await Expect(preview.Locator(".article-body figure.pull-quote figcaption")).ToHaveTextAsync("Who said it");
        await Screenshots.SaveAsync(page, "writing-surface-1280");

        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToContainTextAsync("as a draft");
        await Expect(page.Locator("textarea[name='Form.BodyMarkdown']")).ToHaveValueAsync(BodyWritten);
        await violations.AssertNoneAsync(page, "the article editor with its writing surface and preview");
    }

    [Fact]
    public async Task On_a_phone_the_preview_is_behind_a_button()
    {
        var (page, violations) = await NewsroomPages.SignInWatchedAsync(site, DemoLogins.Editor, Viewports.Phone);
        var (id, _) = await PublishAsync("::: note\nA note for phones.\n:::\n\nBody text.");
        await page.GotoAsync($"/newsroom/articles/{id}");

        var toggle = page.GetByRole(AriaRole.Button, new() { Name = "Preview", Exact = true });
        await Expect(page.Locator(".writing-preview")).ToBeHiddenAsync();
        await Expect(toggle).ToHaveAttributeAsync("aria-pressed", "false");
        await Screenshots.SaveAsync(page, "writing-surface-390");

        await toggle.ClickAsync();
        await Expect(toggle).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(page.FrameLocator(".preview-frame").Locator(".article-body .callout-note")).ToContainTextAsync("A note for phones.");
        await page.Locator(".writing-preview").ScrollIntoViewIfNeededAsync();
        await Screenshots.SaveAsync(page, "writing-surface-preview-390");
        await page.Locator(".writing-surface").ScreenshotAsync(new() { Path = Path.Combine(TestEnvironment.ArtifactsDirectory, "writing-surface-close-390.png") });
        await violations.AssertNoneAsync(page, "the article editor on a phone");
    }

    [Fact]
    public async Task The_preview_shows_the_article_exactly_as_the_published_page_does()
    {
        var (id, path) = await PublishAsync($"""
            The river rose overnight.

            {Video}

            ::: pullquote
            We have never seen it this high.
            — Ada Quill, harbour master
            :::

            ::: gallery The quay at dawn
            ![Water over the quay](/demo/images/river-bridge.svg)
            ![Sandbags at the bakery](/demo/images/market.svg)
            :::
            """, leadImage: "/demo/images/river-bridge.svg");
        var editor = await NewsroomPages.SignInAsync(site, DemoLogins.Editor, Viewports.Desktop);
        await editor.GotoAsync($"/newsroom/articles/{id}");
        var preview = editor.FrameLocator(".preview-frame");
        await Expect(preview.Locator(".article-body figure.pull-quote")).ToBeVisibleAsync();

        var reader = await site.NewPageAsync(Viewports.Desktop);
        await reader.GotoAsync(path);

        foreach (var part in new[] { ".article-header", ".lead-image", ".article-body" })
        {
            Assert.Equal(await reader.Locator($"article.article {part}").InnerHTMLAsync(), await preview.Locator($"article.article {part}").InnerHTMLAsync());
        }
    }

    [Fact]
    public async Task A_readers_page_asks_nothing_of_an_embeds_provider_until_the_click_and_nothing_moves_when_it_loads()
    {
        var (_, path) = await PublishAsync($"""
            The council met until midnight.

            [The vote, in full]({Video})

            ::: warning Roads closed
            Avoid the quay until Friday.
            :::

            ::: pullquote
            We will build it.
            — Corinne Ashby, mayor
            :::

            ::: gallery The quay at dawn
            ![Water over the quay](/demo/images/river-bridge.svg)
            ![Sandbags at the bakery](/demo/images/market.svg)
            ![The market square](/demo/images/market.svg)
            :::
            """);
        var providers = EmbedProviders.FrameHosts.Append("www.youtube.com").Append("youtu.be").ToHashSet();
        foreach (var (options, width) in new[] { (Viewports.Phone, 390), (Viewports.Desktop, 1280) })
        {
            var page = await site.NewPageAsync(options);
            var asked = new List<string>();
            page.Request += (_, request) =>
            {
                if (providers.Contains(new Uri(request.Url).Host))
                {
                    asked.Add(request.Url);
                }
            };
            await page.RouteAsync("https://www.youtube-nocookie.com/**", route => route.FulfillAsync(new()
            {
                ContentType = "text/html",
                Body = "<!doctype html><title>Player</title><p>The player</p>",
            }));

            await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.NetworkIdle });
            Assert.Empty(asked);
            var embed = page.Locator(".article-body figure.embed");
            var before = await embed.BoundingBoxAsync();
            await Screenshots.SaveAsync(page, $"reader-blocks-{width}");

            await embed.GetByRole(AriaRole.Link, new() { Name = "Play the video from YouTube" }).ClickAsync();
            var frame = embed.Locator("iframe.embed-frame");
            await Expect(frame).ToHaveAttributeAsync("src", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ");
            await Expect(frame).ToHaveAttributeAsync("title", "YouTube: The vote, in full");
            await Expect(page.FrameLocator(".article-body iframe.embed-frame").Locator("p")).ToHaveTextAsync("The player");
            Assert.Equal(["https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"], asked);
            var after = await embed.BoundingBoxAsync();
            Assert.Equal((before!.Width, before.Height), (after!.Width, after.Height));
        }
    }

    private Task<(int Id, string Path)> PublishAsync(string body, string? leadImage = null) => site.Server.InScopeAsync(async services =>
    {
        var staff = await services.GetRequiredService<StaffService>().ListActiveAsync();
        var id = await services.GetRequiredService<ArticleService>().CreateAsync(Actor.System, new ArticleInput
        {
            Headline = $"Blocks on the page ({Guid.NewGuid().ToString("N")[..6]})",
            Standfirst = "A flood, a vote and a quote.",
            BodyMarkdown = body,
            AuthorIds = [staff[0].Id, staff[1].Id],
            LeadImage = leadImage is null ? null : new LeadImageView(leadImage, "The footbridge at dawn", "The footbridge, at dawn.", "Lantern staff"),
        });
        await services.GetRequiredService<PublishingService>().PublishAsync(Actor.System, id);
        var article = await services.GetRequiredService<Core.Storage.MastheadDb>().Articles.FindAsync(id);
        return (id, ArticleUrls.PathFor(article!.UrlDate!.Value, article.Slug));
    });

    private const string BodyWritten = "The council met until midnight. **Four to three**\n\nhttps://youtu.be/dQw4w9WgXcQ\n\n" +
        "::: note\nThe bypass opens in 2028.\n:::\n\n::: pullquote\nWe will build it.\n— Who said it\n:::";
}
