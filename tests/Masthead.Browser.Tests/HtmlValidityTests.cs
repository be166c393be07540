using Masthead.Testing;

namespace Masthead.Browser.Tests;

/// <summary>Every reader page, and the newsroom's editors of the site, are valid HTML by the W3C Nu checker: zero errors.</summary>
public sealed class HtmlValidityTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    [Fact]
    public async Task Reader_pages_have_no_Nu_HTML_checker_errors()
    {
        var java = RequireChecker();
        var pages = new List<(string Name, string Path, HttpResponseMessage Response)>();
        foreach (var page in await DemoPages.DiscoverAsync(site.Server))
        {
            var response = await site.Server.Client.GetAsync(page.Path, TestContext.Current.CancellationToken);
            Assert.Equal(page.Status, (int)response.StatusCode);
            pages.Add((page.Name, page.Path, response));
        }

        await CheckAsync(java, pages);
    }

    [Fact]
    public async Task Newsroom_editors_of_the_site_have_no_Nu_HTML_checker_errors()
    {
        var java = RequireChecker();
        using var admin = await NewsroomClient.SignInAsync(site.Server, DemoLogins.Administrator);
        var pages = new List<(string Name, string Path, HttpResponseMessage Response)>();
        foreach (var path in NewsroomPages.Paths.Select(row => row.Data))
        {
            pages.Add((path.Split('?')[0].Replace('/', '-').Trim('-'), path, await admin.Http.GetAsync(path, TestContext.Current.CancellationToken)));
        }

        // The front-page editor mid-work: a lead chosen, a search refused, a save refused; and its preview.
        var newest = (await admin.GetDocumentAsync("/newsroom/front-page")).QuerySelector("#found button[name=place]")!.GetAttribute("value")!.Split(':')[0];
        pages.Add(("front-page-arranging", "/newsroom/front-page (lead chosen, search refused)",
            await admin.SubmitAsync("/newsroom/front-page", "form.curation", new() { ["Form.Query"] = "\"city hall" }, $"place={newest}:lead")));
        pages.Add(("front-page-refused", "/newsroom/front-page (save refused)",
            await admin.SubmitAsync("/newsroom/front-page", "form.curation", new() { ["Form.Slots[1].ArticleId"] = "999999" }, "intent=save")));
        pages.Add(("menus-refused", "/newsroom/navigation (link refused)",
            await admin.SubmitAsync("/newsroom/navigation", "form.menu-editor", new() { ["Form.Footer.NewUrl"] = "nowhere" }, "add=footer:link")));
        pages.Add(("front-page-preview", "/newsroom/front-page/preview",
            await admin.PostAsync("/newsroom/front-page/preview", new() { ["Form.Slots[0].ArticleId"] = newest }, tokenPage: "/newsroom/front-page")));
        foreach (var (name, path, response) in pages)
        {
            Assert.True(response.IsSuccessStatusCode, $"{path} answered {(int)response.StatusCode}.");
        }

        await CheckAsync(java, pages);
    }

    private static string RequireChecker()
    {
        var java = NuHtmlChecker.FindJava();
        TestEnvironment.Require(java is not null, "java is not on the PATH: install a JRE (apt-get install default-jre-headless) to run the Nu HTML checker.");
        TestEnvironment.Require(File.Exists(NuHtmlChecker.JarPath),
            $"{NuHtmlChecker.JarPath} is missing: run `npm ci --prefix tests/tools` at the repository root.");
        return java!;
    }

    /// <summary>Checks every answer's HTML in one run of the checker, and disposes of the answers.</summary>
    private static async Task CheckAsync(string java, List<(string Name, string Path, HttpResponseMessage Response)> pages)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var directory = Directory.CreateTempSubdirectory("masthead-vnu-");
        try
        {
            var pathsByFile = new Dictionary<string, string>();
            foreach (var (name, path, response) in pages)
            {
                using (response)
                {
                    var fileName = $"{name}.html";
                    await File.WriteAllTextAsync(Path.Combine(directory.FullName, fileName), await response.Content.ReadAsStringAsync(cancellationToken), cancellationToken);
                    pathsByFile[fileName] = path;
                }
            }

            var files = pathsByFile.Keys.Select(name => Path.Combine(directory.FullName, name));
            var errors = await NuHtmlChecker.CheckAsync(java, files, cancellationToken);

            Assert.True(errors.Count == 0, $"The Nu HTML checker found {errors.Count} error(s):\n" + string.Join("\n", errors.Select(error =>
                $"- {PathOf(error.Url, pathsByFile)} line {error.Line}: {error.Message}\n    {error.Extract?.ReplaceLineEndings(" ")}")));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_newsroom_media_pages_have_no_Nu_HTML_checker_errors()
    {
        var java = NuHtmlChecker.FindJava();
        TestEnvironment.Require(java is not null, "java is not on the PATH: install a JRE (apt-get install default-jre-headless) to run the Nu HTML checker.");
        TestEnvironment.Require(File.Exists(NuHtmlChecker.JarPath),
            $"{NuHtmlChecker.JarPath} is missing: run `npm ci --prefix tests/tools` at the repository root.");

        var cancellationToken = TestContext.Current.CancellationToken;
        using var newsroom = await NewsroomClient.SignInAsync(site.Server, DemoLogins.Administrator);
        var library = await newsroom.GetDocumentAsync("/newsroom/media?q=city-hall");
        var item = library.QuerySelector(".media-tile > a")?.GetAttribute("href") ?? throw new InvalidOperationException("The library shows no city-hall item.");
        var directory = Directory.CreateTempSubdirectory("masthead-vnu-");
        try
        {
            var pathsByFile = new Dictionary<string, string>();
            foreach (var (name, path) in new[]
            {
                ("media-library", "/newsroom/media"), ("media-search", "/newsroom/media?q=city-hall&kind=image"), ("media-item", item),
                ("settings", "/newsroom/settings"), ("new-article", "/newsroom/articles/new"),
            })
            {
                using var response = await newsroom.Http.GetAsync(path, cancellationToken);
                Assert.Equal(200, (int)response.StatusCode);
                await File.WriteAllTextAsync(Path.Combine(directory.FullName, $"{name}.html"), await response.Content.ReadAsStringAsync(cancellationToken), cancellationToken);
                pathsByFile[$"{name}.html"] = path;
            }

            var errors = await NuHtmlChecker.CheckAsync(java!, pathsByFile.Keys.Select(name => Path.Combine(directory.FullName, name)), cancellationToken);

            Assert.True(errors.Count == 0, $"The Nu HTML checker found {errors.Count} error(s):\n" + string.Join("\n", errors.Select(error =>
                $"- {PathOf(error.Url, pathsByFile)} line {error.Line}: {error.Message}\n    {error.Extract?.ReplaceLineEndings(" ")}")));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_email_pages_have_no_Nu_HTML_checker_errors()
    {
        var java = NuHtmlChecker.FindJava();
        TestEnvironment.Require(java is not null, "java is not on the PATH: install a JRE (apt-get install default-jre-headless) to run the Nu HTML checker.");
        TestEnvironment.Require(File.Exists(NuHtmlChecker.JarPath),
            $"{NuHtmlChecker.JarPath} is missing: run `npm ci --prefix tests/tools` at the repository root.");

        var cancellationToken = TestContext.Current.CancellationToken;
        using var newsroom = await NewsroomClient.SignInAsync(site.Server, DemoLogins.Administrator);
        var profile = (await newsroom.GetDocumentAsync("/newsroom")).QuerySelector(".desk-user a[href^='/newsroom/staff/']")!.GetAttribute("href")!;
        var directory = Directory.CreateTempSubdirectory("masthead-vnu-");
        try
        {
            var pathsByFile = new Dictionary<string, string>();
            var pages = new[]
            {
                ("email-settings", "/newsroom/settings/email"), ("my-profile", profile), ("sign-in-email", "/newsroom/account/email"),
                ("forgot-password", "/newsroom/forgot-password"), ("confirm-email", "/newsroom/account/email/confirm?account=1&email=a%40example.org&token=wrong"),
            };
            foreach (var (name, path) in pages)
            {
                using var response = await newsroom.Http.GetAsync(path, cancellationToken);
                Assert.Equal(200, (int)response.StatusCode);
                await File.WriteAllTextAsync(Path.Combine(directory.FullName, $"{name}.html"), await response.Content.ReadAsStringAsync(cancellationToken), cancellationToken);
                pathsByFile[$"{name}.html"] = path;
            }

            var errors = await NuHtmlChecker.CheckAsync(java!, pathsByFile.Keys.Select(name => Path.Combine(directory.FullName, name)), cancellationToken);

            Assert.True(errors.Count == 0, $"The Nu HTML checker found {errors.Count} error(s):\n" + string.Join("\n", errors.Select(error =>
                $"- {PathOf(error.Url, pathsByFile)} line {error.Line}: {error.Message}\n    {error.Extract?.ReplaceLineEndings(" ")}")));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>vnu names files as file:/tmp/.../article.html; the report shows the page's path instead.</summary>
    private static string PathOf(string? url, Dictionary<string, string> pathsByFile) =>
        url is not null && pathsByFile.TryGetValue(Uri.UnescapeDataString(url[(url.LastIndexOf('/') + 1)..]), out var path)
            ? path
            : url ?? "(no file)";
}
