using Deque.AxeCore.Playwright;
using Masthead.Testing;
using Microsoft.Playwright;

namespace Masthead.Browser.Tests;

/// <summary>
/// A reader has a page open while an editor raises the site banner in the newsroom, in another browser context: the
/// banner appears on the reader's page without a reload, and leaves it when lowered. At a phone's and a desktop's width.
/// </summary>
public sealed class SiteBannerTests(BrowserSiteFixture site) : IClassFixture<BrowserSiteFixture>
{
    private static readonly LocatorAssertionsToBeVisibleOptions Soon = new() { Timeout = 2000 };

    private async Task<IPage> EditorAsync()
    {
        var editor = await site.NewPageAsync();
        await editor.GotoAsync("/newsroom/sign-in");
        await editor.FillAsync("input[name=Email]", DemoLogins.Editor.Email);
        await editor.FillAsync("input[name=Password]", DemoLogins.Editor.Password);
        await editor.ClickAsync("button[type=submit]");
        await editor.GotoAsync("/newsroom/banner");
        return editor;
    }

    [Theory]
    [InlineData(390, 844)]
    [InlineData(1280, 900)]
    public async Task A_reader_with_a_page_open_sees_the_banner_appear_and_leave_without_reloading(int width, int height)
    {
        var article = await site.PageAsync("article");
        var reader = await site.NewPageAsync(new() { ViewportSize = new() { Width = width, Height = height }, IsMobile = width < 500, HasTouch = width < 500 });
        var readerViolations = await PolicyViolations.WatchAsync(reader.Context);
        var loads = 0;
        reader.Load += (_, _) => loads++;
        var opened = reader.WaitForRequestAsync("**/site/live?banner=0");
        await reader.GotoAsync(article.Path);
        await opened;

        var editor = await EditorAsync();
        var editorViolations = await PolicyViolations.WatchAsync(editor.Context);
        await editor.ReloadAsync(); // watched from here on
        await editor.FillAsync("input[name=Label]", "BREAKING");
        await editor.FillAsync("input[name=Text]", "Storm closes the Harbour Road bridge until further notice");
        await editor.SelectOptionAsync("select[name=ArticleId]", new SelectOptionValue { Index = 1 }); // the first story offered
        await editor.ClickAsync("form[action*='handler=Raise'] button[type=submit]");
        await editor.WaitForSelectorAsync(".flash");

        var banner = reader.Locator(".banner-slot .site-banner");
        await Assertions.Expect(banner).ToBeVisibleAsync(Soon);
        await Assertions.Expect(banner.Locator(".site-banner-label")).ToHaveTextAsync("BREAKING");
        await Assertions.Expect(banner.Locator("a.site-banner-text")).ToHaveTextAsync("Storm closes the Harbour Road bridge until further notice");
        var box = (await banner.BoundingBoxAsync())!;
        Assert.InRange(box.Y + box.Height, 0, height); // on the first screen
        Assert.InRange(box.Width, width - 20, width); // across the page
        await Screenshots.SaveAsync(reader, $"banner-up-{width}");
        await reader.ScreenshotAsync(new() { Path = Path.Combine(TestEnvironment.ArtifactsDirectory, $"banner-up-{width}-first-screen.png") });
        var axe = await reader.RunAxe();
        Assert.True(axe.Violations.Length == 0, "axe: " + string.Join("; ", axe.Violations.Select(v => $"{v.Id}: {string.Join(", ", v.Nodes.Select(n => n.Html))}")));

        await editor.ClickAsync("form[action*='handler=Lower'] button[type=submit]");
        await editor.WaitForSelectorAsync(".flash");
        await Assertions.Expect(reader.Locator(".banner-slot .site-banner")).ToHaveCountAsync(0, new() { Timeout = 2000 });
        await reader.ScreenshotAsync(new() { Path = Path.Combine(TestEnvironment.ArtifactsDirectory, $"banner-down-{width}-first-screen.png") });
        Assert.Equal(1, loads); // never reloaded
        await readerViolations.AssertNoneAsync(reader, "while the banner came and went");
        await editorViolations.AssertNoneAsync(editor, "on the banner desk");
    }

    [Fact]
    public async Task Pages_with_the_banner_up_and_the_banner_desk_have_no_Nu_HTML_checker_errors()
    {
        var java = NuHtmlChecker.FindJava();
        TestEnvironment.Require(java is not null, "java is not on the PATH: install a JRE (apt-get install default-jre-headless) to run the Nu HTML checker.");
        TestEnvironment.Require(File.Exists(NuHtmlChecker.JarPath), $"{NuHtmlChecker.JarPath} is missing: run `npm ci --prefix tests/tools` at the repository root.");
        var cancellationToken = TestContext.Current.CancellationToken;
        using var editor = await NewsroomClient.SignInAsync(site.Server, DemoLogins.Editor);
        (await editor.SubmitAsync("/newsroom/banner", "form[action*='handler=Raise']",
            new() { ["Label"] = "LIVE", ["Text"] = "Results as they come in", ["ExpiresInMinutes"] = "60" })).Dispose();

        var directory = Directory.CreateTempSubdirectory("masthead-vnu-banner-");
        try
        {
            var files = new List<string>();
            foreach (var name in new[] { "front", "article", "story", "not-found" })
            {
                var page = await site.PageAsync(name);
                using var response = await site.Server.Client.GetAsync(page.Path, cancellationToken);
                var html = await response.Content.ReadAsStringAsync(cancellationToken);
                Assert.Contains("site-banner-label", html, StringComparison.Ordinal);
                files.Add(Path.Combine(directory.FullName, $"{name}.html"));
                await File.WriteAllTextAsync(files[^1], html, cancellationToken);
            }

            files.Add(Path.Combine(directory.FullName, "banner-desk.html"));
            await File.WriteAllTextAsync(files[^1], await editor.Http.GetStringAsync("/newsroom/banner", cancellationToken), cancellationToken);
            var errors = await NuHtmlChecker.CheckAsync(java!, files, cancellationToken);
            Assert.True(errors.Count == 0, string.Join("\n", errors.Select(error => $"- {error.Url} line {error.Line}: {error.Message}")));
        }
        finally
        {
            directory.Delete(recursive: true);
            (await editor.SubmitAsync("/newsroom/banner", "form[action*='handler=Lower']", [])).Dispose();
        }
    }
}
