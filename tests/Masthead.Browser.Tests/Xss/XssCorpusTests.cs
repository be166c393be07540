using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Masthead.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Masthead.Browser.Tests.Xss;

/// <summary>
/// The XSS corpus (<see cref="XssPayloads"/>) through every field staff can write, and every reader page, newsroom
/// page, feed, structured-data block and API answer that shows them, rendered in Chromium: no payload runs, no
/// dialog opens, and no document holds anything that could run script. One server and one pass over the pages, with
/// the payloads packed into as few records as each field's length allows.
/// </summary>
public sealed partial class XssCorpusTests(XssCorpusSite corpus) : IClassFixture<XssCorpusSite>
{
    private MastheadServer Server => corpus.Site.Server;

    [Fact]
    public async Task No_payload_runs_anywhere_staff_writing_is_shown()
    {
        Assert.True(XssPayloads.All.Count >= 50, $"The corpus has {XssPayloads.All.Count} payloads.");
        var writer = corpus.Written;
        var watch = await ExecutionWatch.StartAsync(corpus.Site.Browser, Server.BaseAddress);
        var found = new List<string>();
        var articlePaths = await ArticlePathsAsync();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        void Mark(string phase) => TestContext.Current.TestOutputHelper?.WriteLine($"{phase}: {clock.Elapsed.TotalSeconds:0.0} s");

        // Reader pages, then every section, tag and author page the articles link to.
        var linked = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in writer.ReaderPaths.Concat(articlePaths).Distinct())
        {
            found.AddRange(await watch.VisitAsync(path));
            foreach (var href in await watch.Page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))"))
            {
                if (TaxonomyPage().IsMatch(href))
                {
                    linked.Add(href);
                }
            }
        }

        Assert.Contains(linked, path => path.StartsWith("/tag/", StringComparison.Ordinal));
        foreach (var path in linked.Order(StringComparer.Ordinal))
        {
            found.AddRange(await watch.VisitAsync(path));
        }

        Assert.Contains("__xss(", await watch.Page.InnerTextAsync("body"), StringComparison.Ordinal);

        // The live story adds new updates from its event stream, through live.js rather than the server's page.
        var (_, livePath) = await Server.ArticleAsync("council-budget-night");
        found.AddRange(await watch.VisitAsync(livePath));
        await watch.Page.WaitForFunctionAsync("() => document.querySelector('section.live')?.dataset.status === 'live'");
        var streamed = $"{XssPayloads.All[0]} streamed {Guid.NewGuid():N}";
        await writer.PostLiveUpdateAsync(streamed);
        await Expect(watch.Page.Locator(".live-updates .live-update", new() { HasText = streamed })).ToHaveCountAsync(1, new() { Timeout = 10_000 });
        found.AddRange(await watch.InspectAsync($"{livePath} after a streamed update"));

        Mark("reader pages");

        // The newsroom, signed in as the administrator.
        await SignInAsync(watch.Page);
        foreach (var path in writer.NewsroomPaths.Concat(writer.Articles.SelectMany(id => new[] { $"/newsroom/articles/{id}", $"/newsroom/articles/{id}/revisions" })).Distinct())
        {
            found.AddRange(await watch.VisitAsync(path));
        }

        Mark("newsroom pages");

        // Feeds and API answers: opened as documents, and their HTML rendered as feed readers and front ends do.
        // (RSS has a test of its own below.)
        foreach (var feed in new[] { "/feed.atom", "/feed.json" }.Concat(linked.Select(path => $"{path}/feed.atom")).Take(12))
        {
            foreach (var (html, from) in await FeedHtmlAsync(feed))
            {
                found.AddRange(await watch.RenderAsync(html, from));
            }
        }

        foreach (var (html, from) in await FeedHtmlAsync($"{livePath}/live.atom"))
        {
            found.AddRange(await watch.RenderAsync(html, from));
        }

        foreach (var path in ApiPaths(writer.ApiKey))
        {
            found.AddRange(await watch.VisitAsync(path));
            foreach (var (html, from) in await ApiHtmlAsync(path))
            {
                found.AddRange(await watch.RenderAsync(html, from));
            }
        }

        Mark("feeds and API answers");

        // The publication's settings hold one value per field: each round puts the next payloads through them.
        for (var round = 0; round < XssCorpusWriter.SettingsRounds; round++)
        {
            await writer.SaveSettingsAsync(round);
            foreach (var path in new[] { "/", articlePaths[0], "/newsroom/settings" })
            {
                found.AddRange(await watch.VisitAsync(path));
            }

            // Feeds carry the settings only as text, which must leave the documents whole.
            XDocument.Parse(await Server.Client.GetStringAsync("/feed.atom"));
            JsonDocument.Parse(await Server.Client.GetStringAsync("/feed.json")).Dispose();
            JsonDocument.Parse(await Server.Client.GetStringAsync($"/ghost/api/content/settings/?key={writer.ApiKey}")).Dispose();
        }

        Mark("settings rounds");
        Assert.True(watch.Ran.Count == 0 && found.Count == 0,
            $"{watch.Ran.Count} payloads ran:\n{string.Join("\n", watch.Ran.Take(30))}\n{found.Count} things that could run script:\n{string.Join("\n", found.Take(30))}");
    }

    [Fact]
    public async Task The_watch_sees_a_payload_that_runs_and_markup_that_could()
    {
        var watch = await ExecutionWatch.StartAsync(corpus.Site.Browser, Server.BaseAddress);

        var found = await watch.RenderAsync($"{XssPayloads.All[1]} <a href=\"javascript:void 0\">link</a>", "raw markup");

        Assert.Contains(watch.Ran, ran => ran.StartsWith("payload 1 ran on raw markup", StringComparison.Ordinal));
        Assert.Contains(found, finding => finding.StartsWith("raw markup: handler attribute onerror", StringComparison.Ordinal));
        Assert.Contains(found, finding => finding.StartsWith("raw markup: href address", StringComparison.Ordinal));
    }

    /// <summary>
    /// RSS readers decode a description and render it as HTML; a standfirst carried in it unencoded would run there.
    /// (The site's own RSS channel description is the publication's, and goes through the settings rounds' pages.)
    /// </summary>
    [Fact]
    public async Task No_payload_runs_in_a_feed_reader_showing_the_RSS_feeds()
    {
        var watch = await ExecutionWatch.StartAsync(corpus.Site.Browser, Server.BaseAddress);
        var found = new List<string>();
        var feeds = new List<string> { "/feed.xml" };
        var article = await Server.GetDocumentAsync((await ArticlePathsAsync())[0]);
        feeds.AddRange(article.QuerySelectorAll("a[href^='/section/'], a[href^='/tag/']").Select(link => $"{link.GetAttribute("href")}/feed.xml").Distinct().Take(4));
        foreach (var feed in feeds)
        {
            var fields = await FeedHtmlAsync(feed);
            Assert.NotEmpty(fields);
            foreach (var (html, from) in fields)
            {
                found.AddRange(await watch.RenderAsync(html, from));
            }
        }

        Assert.True(watch.Ran.Count == 0 && found.Count == 0,
            $"{watch.Ran.Count} payloads ran:\n{string.Join("\n", watch.Ran.Take(30))}\n{found.Count} things that could run script:\n{string.Join("\n", found.Take(30))}");
    }

    /// <summary>The public addresses of the articles written, as their editors link to them.</summary>
    private async Task<List<string>> ArticlePathsAsync()
    {
        var paths = new List<string>();
        foreach (var id in corpus.Written.Articles)
        {
            var editor = await corpus.Administrator.GetDocumentAsync($"/newsroom/articles/{id}");
            paths.Add(editor.QuerySelectorAll("a").Single(link => link.TextContent.Trim() == "See it as readers do").GetAttribute("href")!);
        }

        return paths;
    }

    private static IEnumerable<string> ApiPaths(string key) =>
    [
        "/api/search?q=xss",
        "/api/search?q=onerror+img",
        $"/ghost/api/content/posts/?key={key}&include=tags,authors&formats=html,plaintext&limit=all",
        $"/ghost/api/content/pages/?key={key}&formats=html&limit=all",
        $"/ghost/api/content/tags/?key={key}&limit=all",
        $"/ghost/api/content/authors/?key={key}&limit=all",
    ];

    /// <summary>The fields of a feed that are HTML for a feed reader: RSS descriptions, Atom's html content and summaries, JSON Feed's content_html.</summary>
    private async Task<IReadOnlyList<(string Html, string From)>> FeedHtmlAsync(string path)
    {
        using var response = await Server.Client.GetAsync(path);
        if (!response.IsSuccessStatusCode)
        {
            return [];
        }

        var text = await response.Content.ReadAsStringAsync();
        if (path.EndsWith(".json", StringComparison.Ordinal))
        {
            using var json = JsonDocument.Parse(text);
            return [.. json.RootElement.GetProperty("items").EnumerateArray()
                .Where(item => item.TryGetProperty("content_html", out _))
                .Select(item => (item.GetProperty("content_html").GetString() ?? "", $"{path} content_html"))];
        }

        XNamespace atom = "http://www.w3.org/2005/Atom";
        XNamespace content = "http://purl.org/rss/1.0/modules/content/";
        var document = XDocument.Parse(text);
        var html = document.Descendants("description").Concat(document.Descendants(content + "encoded"))
            .Concat(document.Descendants(atom + "content").Concat(document.Descendants(atom + "summary")).Where(e => (string?)e.Attribute("type") == "html"))
            .Select(e => (e.Value, $"{path} {e.Name.LocalName}"));
        return [.. html];
    }

    /// <summary>The html of posts and pages, and the search API's snippets, which clients insert as HTML.</summary>
    private async Task<IReadOnlyList<(string Html, string From)>> ApiHtmlAsync(string path)
    {
        using var response = await Server.Client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(text);
        var items = json.RootElement.TryGetProperty("posts", out var posts) ? posts
            : json.RootElement.TryGetProperty("pages", out var pages) ? pages
            : json.RootElement.TryGetProperty("results", out var results) ? results
            : default;
        if (items.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return [.. items.EnumerateArray()
            .SelectMany(item => new[] { "html", "snippet" }.Where(name => item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                .Select(name => (item.GetProperty(name).GetString()!, $"{path} {name}")))];
    }

    private static async Task SignInAsync(IPage page)
    {
        await page.GotoAsync("/newsroom/sign-in");
        await page.FillAsync("input[name=Email]", DemoLogins.Administrator.Email);
        await page.FillAsync("input[name=Password]", DemoLogins.Administrator.Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(new Regex("/newsroom$"));
    }

    [GeneratedRegex("^/(section|tag|author)/[^/?#]+$")]
    private static partial Regex TaxonomyPage();
}
