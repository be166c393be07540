using Masthead.Testing;

namespace Masthead.Browser.Tests;

/// <summary>Every reader page is valid HTML by the W3C Nu checker: zero errors.</summary>
public sealed class HtmlValidityTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    [Fact]
    public async Task Reader_pages_have_no_Nu_HTML_checker_errors()
    {
        var java = NuHtmlChecker.FindJava();
        TestEnvironment.Require(java is not null, "java is not on the PATH: install a JRE (apt-get install default-jre-headless) to run the Nu HTML checker.");
        TestEnvironment.Require(File.Exists(NuHtmlChecker.JarPath),
            $"{NuHtmlChecker.JarPath} is missing: run `npm ci --prefix tests/tools` at the repository root.");

        var cancellationToken = TestContext.Current.CancellationToken;
        var directory = Directory.CreateTempSubdirectory("masthead-vnu-");
        try
        {
            var pathsByFile = new Dictionary<string, string>();
            foreach (var page in await DemoPages.DiscoverAsync(site.Server))
            {
                using var response = await site.Server.Client.GetAsync(page.Path, cancellationToken);
                Assert.Equal(page.Status, (int)response.StatusCode);
                var fileName = $"{page.Name}.html";
                var html = await response.Content.ReadAsStringAsync(cancellationToken);
                await File.WriteAllTextAsync(Path.Combine(directory.FullName, fileName), html, cancellationToken);
                pathsByFile[fileName] = page.Path;
            }

            var files = pathsByFile.Keys.Select(name => Path.Combine(directory.FullName, name));
            var errors = await NuHtmlChecker.CheckAsync(java!, files, cancellationToken);

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
            foreach (var (name, path) in new[] { ("media-library", "/newsroom/media"), ("media-search", "/newsroom/media?q=city-hall&kind=image"), ("media-item", item), ("settings", "/newsroom/settings"), ("new-article", "/newsroom/articles/new") })
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
