using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Masthead.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Masthead.Browser.Tests;

/// <summary>
/// The newsroom's whole journey in Chromium, through the pages a person uses: a reporter writes and submits an
/// article, an editor publishes it from the review queue, a reader finds it on the front page, and a correction
/// the editor adds reaches the reader's page and its structured data. Three contexts, so three separate people.
/// </summary>
public sealed partial class NewsroomWorkflowTests(BrowserSiteFixture site) : IClassFixture<BrowserSiteFixture>
{
    private static readonly BrowserNewContextOptions Desktop = new() { ViewportSize = new() { Width = 1280, Height = 900 } };

    [Fact]
    public async Task A_reporters_article_is_published_by_an_editor_read_on_the_front_page_and_corrected()
    {
        var story = Guid.NewGuid().ToString("N")[..6];
        var headline = $"Harbour ferry returns to Larkmoor after a winter away ({story})";
        const string standfirst = "The blue-hulled ferry will cross to Pell Island six times a day from Saturday.";
        const string firstParagraph = "The harbour ferry made its first crossing of the year on Tuesday morning, carrying 42 passengers.";
        const string secondParagraph = "Fares stay at $3 for adults, and children under 12 ride free.";
        const string subheading = "What changes this year";
        const string correction = "An earlier version of this article said the ferry carried 24 passengers; it carried 42.";
        var body = $"{firstParagraph}\n\n## {subheading}\n\n{secondParagraph} The last boat now leaves at **9.30pm**.";

        // The reporter writes the article and submits it for review.
        var reporter = await SignInAsync(DemoLogins.Reporter, "Tobias Wren");
        await reporter.GetByRole(AriaRole.Navigation, new() { Name = "Newsroom" })
            .GetByRole(AriaRole.Link, new() { Name = "New article", Exact = true }).ClickAsync();
        await Expect(reporter.GetByRole(AriaRole.Heading, new() { Name = "New article", Level = 1 })).ToBeVisibleAsync();
        await reporter.GetByLabel("Headline", new() { Exact = true }).FillAsync(headline);
        await reporter.GetByLabel("Standfirst", new() { Exact = true }).FillAsync(standfirst);
        await reporter.GetByLabel("Body", new() { Exact = true }).FillAsync(body);
        await reporter.GetByLabel("Section", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Business" });
        await Expect(reporter.GetByLabel("Byline 1")).ToHaveValueAsync(new Regex("^[0-9]+$"));
        await reporter.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();

        await Expect(reporter).ToHaveURLAsync(EditorUrl());
        await Expect(Flash(reporter)).ToContainTextAsync("as a draft");
        await Expect(reporter.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(headline);
        await Expect(reporter.Locator(".article-state .status")).ToHaveTextAsync("Draft");
        await Expect(reporter.GetByLabel("Section", new() { Exact = true })).ToHaveValueAsync(new Regex("^[0-9]+$"));
        await reporter.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        await Expect(Flash(reporter)).ToHaveTextAsync("Submitted for review.");
        await Expect(reporter.Locator(".article-state .status")).ToHaveTextAsync("In review");
        var editorPath = new Uri(reporter.Url).AbsolutePath;

        // The editor finds it in the review queue and publishes it.
        var editor = await SignInAsync(DemoLogins.Editor, "Anaya Kessler");
        var queue = editor.GetByRole(AriaRole.Region, new() { Name = "Review queue" });
        await queue.GetByRole(AriaRole.Link, new() { Name = headline }).ClickAsync();
        await Expect(editor).ToHaveURLAsync(new Regex(Regex.Escape(editorPath) + "$"));
        await Expect(editor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(headline);
        await Expect(editor.Locator(".article-state .status")).ToHaveTextAsync("In review");
        await Expect(editor.GetByLabel("Body", new() { Exact = true })).ToHaveValueAsync(body);
        await editor.GetByRole(AriaRole.Button, new() { Name = "Publish now" }).ClickAsync();
        await Expect(Flash(editor)).ToHaveTextAsync("Published.");
        await Expect(editor.Locator(".article-state .status")).ToHaveTextAsync("Published");
        var publicPath = await editor.GetByRole(AriaRole.Link, new() { Name = "See it as readers do" }).GetAttributeAsync("href")
            ?? throw new InvalidOperationException("The published article's editor does not link to its public page.");

        // A reader finds it among the top stories on the front page, which the latest fill, and reads it.
        var reader = await site.NewPageAsync(Desktop);
        await reader.GotoAsync("/");
        var latest = reader.GetByRole(AriaRole.Region, new() { Name = "Top stories" });
        var link = latest.GetByRole(AriaRole.Link, new() { Name = headline, Exact = true });
        await Expect(link).ToBeVisibleAsync();
        var card = latest.Locator(".story").Filter(new() { Has = reader.GetByRole(AriaRole.Link, new() { Name = headline, Exact = true }) });
        await Expect(card.Locator(".story-standfirst")).ToHaveTextAsync(standfirst);
        await Expect(card.Locator(".story-authors")).ToHaveTextAsync("By Tobias Wren");
        await link.ClickAsync();

        await Expect(reader).ToHaveURLAsync(new Regex(Regex.Escape(publicPath) + "$"));
        await Expect(reader).ToHaveTitleAsync(new Regex("^" + Regex.Escape(headline) + " - "));
        await Expect(reader.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(headline);
        await Expect(reader.Locator(".article-standfirst")).ToHaveTextAsync(standfirst);
        await Expect(reader.Locator(".article-kicker")).ToHaveTextAsync("Business");
        await Expect(reader.Locator(".byline").GetByRole(AriaRole.Link, new() { Name = "Tobias Wren", Exact = true })).ToBeVisibleAsync();
        var articleBody = reader.Locator(".article-body");
        await Expect(articleBody.Locator("p").First).ToHaveTextAsync(firstParagraph);
        await Expect(articleBody.GetByRole(AriaRole.Heading, new() { Name = subheading, Level = 2 })).ToBeVisibleAsync();
        await Expect(articleBody.Locator("strong")).ToHaveTextAsync("9.30pm");
        await Expect(articleBody).Not.ToContainTextAsync("**");
        await Expect(reader.Locator(".article-notes")).ToHaveCountAsync(0);
        Assert.Null((await NewsArticleAsync(reader))["correction"]);

        // The editor adds a correction from the article's editor page.
        var notes = editor.GetByRole(AriaRole.Region, new() { Name = "Corrections and notes" });
        await notes.GetByLabel("Kind").SelectOptionAsync(new SelectOptionValue { Label = "Correction" });
        await notes.GetByLabel("Text readers will see").FillAsync(correction);
        await notes.GetByRole(AriaRole.Button, new() { Name = "Add to the article" }).ClickAsync();
        await Expect(Flash(editor)).ToHaveTextAsync("Correction added; readers see it on the article.");
        var listed = editor.GetByRole(AriaRole.Region, new() { Name = "Corrections and notes" }).Locator(".note-list li");
        await Expect(listed).ToHaveCountAsync(1);
        await Expect(listed).ToContainTextAsync("Correction");
        await Expect(listed).ToContainTextAsync(correction);
        await Screenshots.SaveAsync(editor, "newsroom-editor-with-correction");

        // The reader reloads and sees the correction on the page and in the article's JSON-LD.
        await reader.ReloadAsync();
        var note = reader.Locator(".article-notes .note-correction");
        await Expect(note).ToHaveCountAsync(1);
        await Expect(note.Locator("strong")).ToHaveTextAsync("Correction");
        await Expect(note.Locator("time[datetime]")).ToBeVisibleAsync();
        await Expect(note).ToContainTextAsync(correction);
        var corrections = (await NewsArticleAsync(reader))["correction"]?.AsArray()
            ?? throw new InvalidOperationException("The article's JSON-LD has no correction after the correction was added.");
        var entry = Assert.Single(corrections)!;
        Assert.Equal("CorrectionComment", entry["@type"]?.GetValue<string>());
        Assert.Equal(correction, entry["text"]?.GetValue<string>());
        await Screenshots.SaveAsync(reader, "reader-article-with-correction");
    }

    private async Task<IPage> SignInAsync((string Email, string Password) login, string name)
    {
        var page = await site.NewPageAsync(Desktop);
        await page.GotoAsync("/newsroom");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to the newsroom" })).ToBeVisibleAsync();
        await page.GetByLabel("Email").FillAsync(login.Email);
        await page.GetByLabel("Password").FillAsync(login.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Good to see you, {name}", Level = 1 })).ToBeVisibleAsync();
        return page;
    }

    private static ILocator Flash(IPage page) => page.Locator("main .flash[role=status]");

    /// <summary>The page's NewsArticle JSON-LD, as search engines read it.</summary>
    private static async Task<JsonNode> NewsArticleAsync(IPage page)
    {
        var scripts = await page.Locator("script[type='application/ld+json']").AllTextContentsAsync();
        var article = scripts.Select(json => JsonNode.Parse(json))
            .SingleOrDefault(json => json?["@type"]?.GetValue<string>() == "NewsArticle");
        return article ?? throw new InvalidOperationException($"{page.Url} has no NewsArticle JSON-LD.");
    }

    [GeneratedRegex(@"/newsroom/articles/[0-9]+$")]
    private static partial Regex EditorUrl();
}
