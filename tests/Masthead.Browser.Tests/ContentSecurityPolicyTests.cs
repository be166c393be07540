using System.Text.RegularExpressions;
using Masthead.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Masthead.Browser.Tests;

/// <summary>
/// The Content-Security-Policy in Chromium: it is enforced, and no page of any kind (reader pages, the live story
/// and its stream, search, error pages, every kind of newsroom page, the editor's preview) breaks it, while the
/// pages' own stylesheets and scripts still do their work.
/// </summary>
public sealed partial class ContentSecurityPolicyTests(BrowserSiteFixture site) : IClassFixture<BrowserSiteFixture>
{
    /// <summary>A Markdown table whose columns are aligned: the one inline style the site's HTML may carry.</summary>
    private const string AlignedTable = "| Ward | Turnout |\n|:--|--:|\n| North | 41% |\n| River | 38% |\n";

    private static readonly int[] Widths = [390, 1280];

    [Fact]
    public async Task The_policy_is_enforced_and_each_violation_is_seen()
    {
        var (page, violations) = await WatchedPageAsync();
        await page.GotoAsync("/");

        await page.EvaluateAsync("""
            () => {
              const handler = document.createElement("img");
              handler.setAttribute("onerror", "window.ran = 'handler'");
              handler.src = "/no-such-image.png";
              const inline = document.createElement("script");
              inline.textContent = "window.ran = 'inline script'";
              const styled = Object.assign(document.createElement("p"), { id: "styled", textContent: "styled" });
              styled.setAttribute("style", "color: rgb(255, 0, 0)");
              const aligned = Object.assign(document.createElement("p"), { id: "aligned", textContent: "aligned" });
              aligned.setAttribute("style", "text-align: right");
              document.body.append(handler, inline, styled, aligned);
            }
            """);

        await WaitForAsync(async () => (await violations.ReadAsync(page)).Count(v => !v.StartsWith("console:", StringComparison.Ordinal)) >= 3);
        var seen = await violations.ReadAsync(page);
        Assert.Contains(seen, v => v.StartsWith("script-src-attr refused inline", StringComparison.Ordinal));
        Assert.Contains(seen, v => v.StartsWith("script-src-elem refused inline", StringComparison.Ordinal));
        Assert.Contains(seen, v => v.StartsWith("style-src-attr refused inline", StringComparison.Ordinal));
        Assert.Null(await page.EvaluateAsync<string?>("() => window.ran ?? null"));
        Assert.NotEqual("rgb(255, 0, 0)", await page.EvaluateAsync<string>("() => getComputedStyle(document.getElementById('styled')).color"));
        Assert.Equal("right", await page.EvaluateAsync<string>("() => getComputedStyle(document.getElementById('aligned')).textAlign"));
    }

    [Fact]
    public async Task Every_kind_of_reader_page_keeps_to_the_policy_and_is_styled()
    {
        var (page, violations) = await WatchedPageAsync();

        var visited = await LinkCrawl.VisitEachKindAsync(page, "/", ReaderPageKind, async path =>
        {
            await AssertStyledAsync(page, path);
            await violations.AssertNoneAsync(page, $"on {path}");
        });
        foreach (var path in new[] { "/search?q=council+budget", "/search?q=council&page=2" })
        {
            await page.GotoAsync(path);
            await AssertStyledAsync(page, path);
            await violations.AssertNoneAsync(page, $"on {path}");
        }

        Assert.Contains(visited, path => ArticleAddress().IsMatch(path));
        Assert.Contains(visited, path => path.StartsWith("/section/", StringComparison.Ordinal));
        Assert.Contains(visited, path => path.StartsWith("/tag/", StringComparison.Ordinal));
        Assert.Contains(visited, path => path.StartsWith("/author/", StringComparison.Ordinal));
        Assert.Contains("/corrections", visited);
        var article = visited.First(path => ArticleAddress().IsMatch(path));
        foreach (var width in Widths)
        {
            await page.SetViewportSizeAsync(width, 900);
            foreach (var (name, path) in new[] { ("front", "/"), ("article", article) })
            {
                await page.GotoAsync(path);
                await Screenshots.SaveAsync(page, $"csp-reader-{name}-{width}");
            }
        }

        await violations.AssertNoneAsync(page, "on the reader pages");
    }

    [Fact]
    public async Task A_live_story_follows_its_stream_and_shows_an_aligned_table_within_the_policy()
    {
        var (id, path) = await site.Server.ArticleAsync("council-budget-night");
        using var editor = await NewsroomClient.SignInAsync(site.Server, DemoLogins.Editor);
        await StartCoverageAsync(editor, id);
        var (reader, violations) = await WatchedPageAsync();
        await reader.GotoAsync(path);
        await reader.WaitForFunctionAsync("() => document.querySelector('section.live')?.dataset.status === 'live'");
        var marker = $"Turnout by ward, as counted ({Guid.NewGuid():N})";

        using (var posted = await editor.SubmitAsync($"/newsroom/live/{id}", "form[action*='handler=Update']", new() { ["Title"] = "", ["Body"] = $"{marker}\n\n{AlignedTable}" }))
        {
            Assert.True(posted.StatusCode is System.Net.HttpStatusCode.Redirect, $"Posting the update answered {(int)posted.StatusCode}.");
        }

        var arrived = reader.Locator(".live-updates .live-update", new() { HasText = marker });
        await Expect(arrived).ToHaveCountAsync(1, new() { Timeout = 10_000 });
        Assert.Equal("right", await arrived.Locator("td").Nth(1).EvaluateAsync<string>("cell => getComputedStyle(cell).textAlign"));
        await violations.AssertNoneAsync(reader, "while the live story followed its stream");

        await reader.ReloadAsync();
        var rendered = reader.Locator(".live-updates .live-update", new() { HasText = marker });
        Assert.Equal("right", await rendered.Locator("td").Nth(1).EvaluateAsync<string>("cell => getComputedStyle(cell).textAlign"));
        await violations.AssertNoneAsync(reader, "on the live story as the server renders it");
    }

    [Fact]
    public async Task Every_kind_of_newsroom_page_keeps_to_the_policy_and_its_script_previews_in_place()
    {
        var (page, violations) = await WatchedPageAsync();
        await SignInAsync(page, DemoLogins.Administrator);

        var visited = await LinkCrawl.VisitEachKindAsync(page, "/newsroom", NewsroomPageKind, async path =>
        {
            await AssertStyledAsync(page, path);
            await violations.AssertNoneAsync(page, $"on {path}");
        });
        Assert.Contains(visited, path => path.StartsWith("/newsroom/live/", StringComparison.Ordinal));
        Assert.Contains(visited, path => Regex.IsMatch(path, "^/newsroom/articles/[0-9]+$"));
        Assert.Contains("/newsroom/audit", visited);

        await page.GotoAsync("/newsroom/articles/new");
        await page.GetByLabel("Headline", new() { Exact = true }).FillAsync("Turnout by ward");
        await page.GetByLabel("Body", new() { Exact = true }).FillAsync(AlignedTable);
        await page.EvaluateAsync("() => { window.samePage = true; }");
        // The writing surface's preview beside the text follows it: a reader page in a frame, under the reader's policy.
        var cell = page.FrameLocator(".preview-frame").Locator(".article-body td").Nth(1);
        await Expect(cell).ToHaveTextAsync("41%");
        Assert.True(await page.EvaluateAsync<bool>("() => window.samePage === true"), "The preview reloaded the page.");
        Assert.Equal("right", await cell.EvaluateAsync<string>("cell => getComputedStyle(cell).textAlign"));
        await violations.AssertNoneAsync(page, "on the editor's preview");

        foreach (var width in Widths)
        {
            await page.SetViewportSizeAsync(width, 900);
            foreach (var (name, path) in new[] { ("dashboard", "/newsroom"), ("editor", visited.First(p => Regex.IsMatch(p, "^/newsroom/articles/[0-9]+$"))) })
            {
                await page.GotoAsync(path);
                await Screenshots.SaveAsync(page, $"csp-newsroom-{name}-{width}");
            }
        }

        await violations.AssertNoneAsync(page, "in the newsroom");
    }

    public static TheoryData<string, string, int> ErrorPages => new()
    {
        { "reader", "/no-such-page/anywhere", 404 },
        { "reader", "/search?q=%22city+hall", 400 },
        { "reader", "/newsroom/set-password?account=1&token=wrong", 200 },
        { "administrator", "/newsroom/articles/999999", 404 },
        { "contributor", "/newsroom/settings", 403 },
    };

    [Theory]
    [MemberData(nameof(ErrorPages))]
    public async Task Error_pages_keep_to_the_policy_and_are_styled(string who, string path, int status)
    {
        var (page, violations) = await WatchedPageAsync();
        if (who != "reader")
        {
            await SignInAsync(page, who == "administrator" ? DemoLogins.Administrator : DemoLogins.Contributor);
        }

        var response = await page.GotoAsync(path);

        Assert.Equal(status, response?.Status);
        await AssertStyledAsync(page, path);
        await violations.AssertNoneAsync(page, $"on {path}");
    }

    private async Task<(IPage Page, PolicyViolations Violations)> WatchedPageAsync()
    {
        var context = await site.Browser.NewContextAsync(new() { BaseURL = site.Server.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });
        var violations = await PolicyViolations.WatchAsync(context);
        return (await context.NewPageAsync(), violations);
    }

    private static async Task SignInAsync(IPage page, (string Email, string Password) login)
    {
        await page.GotoAsync("/newsroom/sign-in");
        await page.FillAsync("input[name=Email]", login.Email);
        await page.FillAsync("input[name=Password]", login.Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(new Regex("/newsroom$"));
    }

    /// <summary>Coverage may have been ended by another test of the class: start it again if so.</summary>
    private static async Task StartCoverageAsync(NewsroomClient editor, int id)
    {
        var desk = await editor.GetDocumentAsync($"/newsroom/live/{id}");
        if (desk.QuerySelector("form[action*='handler=Start']") is not null)
        {
            using var started = await editor.SubmitAsync($"/newsroom/live/{id}", "form[action*='handler=Start']", []);
        }
    }

    /// <summary>The site's stylesheet reached the page: a blocked one leaves no rules to read.</summary>
    private static async Task AssertStyledAsync(IPage page, string path)
    {
        var rules = await page.EvaluateAsync<int>("() => [...document.styleSheets].reduce((count, sheet) => count + sheet.cssRules.length, 0)");
        Assert.True(rules > 10, $"{path} has {rules} style rules: its stylesheet did not load.");
    }

    /// <summary>Reader pages by kind: one article, one section, one page of a paged list; feeds and the newsroom are not reader pages.</summary>
    private static string? ReaderPageKind(string address)
    {
        var path = address.Split('?')[0];
        if (path.StartsWith("/newsroom", StringComparison.Ordinal) || path.EndsWith("/live", StringComparison.Ordinal) || Path.HasExtension(path))
        {
            return null;
        }

        var kind = ArticleAddress().IsMatch(path) ? "article" : KindSegment().Replace(path, "$1");
        return address.Contains("page=", StringComparison.Ordinal) ? $"{kind}?page" : kind;
    }

    /// <summary>Newsroom pages by kind: ids stand for any id, and query strings by their names alone.</summary>
    private static string? NewsroomPageKind(string address)
    {
        var parts = address.Split('?', 2);
        if (!parts[0].StartsWith("/newsroom", StringComparison.Ordinal) || parts[0] == "/newsroom/sign-out")
        {
            return null;
        }

        var names = parts.Length > 1 ? string.Join('&', parts[1].Split('&').Select(pair => pair.Split('=')[0]).Order(StringComparer.Ordinal)) : "";
        return $"{Numbers().Replace(parts[0], "{n}")}?{names}";
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        for (var waited = 0; !await condition(); waited += 100)
        {
            Assert.True(waited < 10_000, "Timed out waiting.");
            await Task.Delay(100);
        }
    }

    [GeneratedRegex(@"^/[0-9]{4}/[0-9]{2}/[0-9]{2}/[^/]+$")]
    private static partial Regex ArticleAddress();

    [GeneratedRegex(@"^/(section|tag|author)/.*$")]
    private static partial Regex KindSegment();

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Numbers();
}
