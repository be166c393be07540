using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Masthead.Core.Articles;
using Masthead.Core.Storage;
using Masthead.Testing;
using Masthead.Tests.Cli;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Import;

/// <summary>`masthead import wordpress`, run as an operator would, then the imported site over HTTP.</summary>
public sealed partial class WordPressImportTests
{
    [Fact]
    public async Task The_block_test_data_imports_with_every_block_accounted_for_again_without_duplicates_and_its_old_addresses_redirect()
    {
        await using var masthead = await MastheadProcess.OnTestDatabaseAsync();

        var first = await masthead.RunAsync("import", "wordpress", WxrFiles.BlockTestData);
        var again = await masthead.RunAsync("import", "wordpress", WxrFiles.BlockTestData);

        Assert.Equal((0, ""), (first.ExitCode, first.Error.Trim()));
        var expected = FixtureCounts();
        Assert.Contains($"Articles: {expected.Posts} added, 0 updated. Pages: {expected.Pages} added", first.Output, StringComparison.Ordinal);
        Assert.Equal(expected.Blocks, BlockLines().Matches(first.Output).Where(m => m.Groups["name"].Value.Contains('/')).Sum(Total));
        Assert.Contains("Missing media (", first.Output, StringComparison.Ordinal);
        Assert.Contains("windmill.jpg (no media folder was given)", first.Output, StringComparison.Ordinal);
        Assert.Contains("core/html: kept as sanitized HTML", first.Output, StringComparison.Ordinal);
        Assert.Contains($"Comments (counted, not imported): {expected.Comments}.", first.Output, StringComparison.Ordinal);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains($"Articles: 0 added, 0 updated. Pages: 0 added", again.Output, StringComparison.Ordinal);

        await using var server = await ServerOnAsync(masthead);
        Assert.Equal(expected.Posts, await server.InScopeAsync(s => s.GetRequiredService<MastheadDb>().Articles.CountAsync()));
        var pullquote = await server.InScopeAsync(s => s.GetRequiredService<MastheadDb>().Articles.SingleAsync(a => a.Slug == "pullquote"));
        var (id, path) = (pullquote.Id, ArticleUrls.PathFor(pullquote.UrlDate!.Value, pullquote.Slug));
        var sourceId = await server.InScopeAsync(s => s.GetRequiredService<MastheadDb>().ImportedItems.Where(i => i.TargetId == id && i.Kind == Core.Import.ImportedKind.Article)
            .Select(i => i.SourceId).SingleAsync());
        await AssertMovedAsync(server, $"/?p={sourceId}", path);
        await AssertMovedAsync(server, "/pullquote/", path);
        await AssertMovedAsync(server, "/category/media/", "/section/media");
        var page = await server.GetDocumentAsync(path);
        Assert.Equal("Pullquote", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.NotEmpty(page.QuerySelectorAll("article figure blockquote, article .pullquote"));
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/never-on-either-site/")).StatusCode);
    }

    [Fact]
    public async Task A_dry_run_reports_what_it_would_do_and_writes_nothing()
    {
        await using var masthead = await MastheadProcess.OnTestDatabaseAsync();

        var (exitCode, output, _) = await masthead.RunAsync("import", "wordpress", WxrFiles.BlockTestData, "--dry-run");

        Assert.Equal(0, exitCode);
        Assert.Contains("Dry run of a WordPress import: nothing was written.", output, StringComparison.Ordinal);
        Assert.Contains($"Articles: {FixtureCounts().Posts} added", output, StringComparison.Ordinal);
        await using var server = await ServerOnAsync(masthead);
        Assert.Equal((0, 0, 0, 0), await server.InScopeAsync(async s =>
        {
            var db = s.GetRequiredService<MastheadDb>();
            return (await db.Articles.CountAsync(), await db.Staff.CountAsync(), await db.ImportedItems.CountAsync(), await db.ImportedAddresses.CountAsync());
        }));
    }

    [Theory]
    [InlineData("""<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss><channel><title>&xxe;</title></channel></rss>""", "DTD")]
    [InlineData("""
        <?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
        <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><rss><channel><title>&lol3;</title></channel></rss>
        """, "DTD")]
    [InlineData("MALFORMED", "line {last}")]
    public async Task A_file_with_a_DTD_or_malformed_XML_is_refused_with_where_and_nothing_is_written(string file, string said)
    {
        await using var masthead = await MastheadProcess.OnTestDatabaseAsync();
        var content = file == "MALFORMED"
            ? WxrFiles.Header + WxrFiles.Post(7, "Fine", "fine", "<p>Fine.</p>") + "<item><title>Broken</title>\n<wp:post_id>8</wp:post_id>\n</channel></rss>"
            : file;
        var path = Path.Combine(masthead.WorkingDirectory, "bad.xml");
        await File.WriteAllTextAsync(path, content);

        var (exitCode, output, error) = await masthead.RunAsync("import", "wordpress", path);

        Assert.Equal(1, exitCode);
        Assert.DoesNotContain("Articles:", output, StringComparison.Ordinal); // a new PostgreSQL database may log its first migration's probes
        Assert.Contains("masthead: ", error, StringComparison.Ordinal);
        Assert.Contains(said.Replace("{last}", $"{content.Split('\n').Length}", StringComparison.Ordinal), error, StringComparison.Ordinal);
        Assert.Contains("Nothing was imported.", error, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", error, StringComparison.Ordinal);
        await using var server = await ServerOnAsync(masthead);
        Assert.Equal(0, await server.InScopeAsync(s => s.GetRequiredService<MastheadDb>().Articles.CountAsync()));
    }

    [Fact]
    public async Task Media_comes_from_the_media_folder_never_from_outside_it_and_script_never_survives()
    {
        await using var masthead = await MastheadProcess.OnTestDatabaseAsync();
        var uploads = Directory.CreateDirectory(Path.Combine(masthead.WorkingDirectory, "uploads", "2019", "05")).Parent!.Parent!.FullName;
        await File.WriteAllBytesAsync(Path.Combine(uploads, "2019", "05", "harbour.png"), Media.TestImages.Png(640, 400));
        await File.WriteAllTextAsync(Path.Combine(masthead.WorkingDirectory, "secret.txt"), "not for readers");
        File.CreateSymbolicLink(Path.Combine(uploads, "2019", "05", "linked.png"), Path.Combine(masthead.WorkingDirectory, "secret.txt"));
        var attachment = (int id, string file) => $"""
            <item><title>Photo {id}</title><wp:post_id>{id}</wp:post_id><wp:post_type>attachment</wp:post_type><wp:status>inherit</wp:status>
            <wp:attachment_url>https://old.example.org/wp-content/uploads/{file}</wp:attachment_url>
            <wp:postmeta><wp:meta_key>_wp_attached_file</wp:meta_key><wp:meta_value><![CDATA[{file}]]></wp:meta_value></wp:postmeta>
            <wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key><wp:meta_value>Cranes at dusk</wp:meta_value></wp:postmeta></item>
            """;
        var thumbnail = (int id) => $"<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>{id}</wp:meta_value></wp:postmeta>";
        var path = WxrFiles.Write(masthead.WorkingDirectory,
            attachment(50, "2019/05/harbour.png"), attachment(51, "../../secret.txt"), attachment(52, "2019/05/linked.png"),
            WxrFiles.Post(1, "Harbour", "harbour", """
                <!-- wp:image --><figure class="wp-block-image"><img src="https://old.example.org/wp-content/uploads/2019/05/harbour-300x200.png" alt="The harbour"/>
                <figcaption>At dawn</figcaption></figure><!-- /wp:image -->
                <!-- wp:paragraph --><p onclick="steal()">Read <a href="javascript:alert(1)">this</a><script>alert(1)</script>.</p><!-- /wp:paragraph -->
                <!-- wp:html --><div onmouseover="steal()"><script>alert(2)</script><b>Kept</b><iframe src="https://evil.example/x"></iframe></div><!-- /wp:html -->
                """, extra: thumbnail(50)),
            WxrFiles.Post(2, "Escape", "escape", "<p>Text.</p>", extra: thumbnail(51)),
            WxrFiles.Post(3, "Link", "link", "<p>Text.</p>", extra: thumbnail(52)));

        var traversal = await masthead.RunAsync("import", "wordpress", path, "--media", Path.Combine(uploads, "..", "uploads"));
        var missing = await masthead.RunAsync("import", "wordpress", path, "--media", Path.Combine(masthead.WorkingDirectory, "no-such-folder"));

        Assert.Equal((0, ""), (traversal.ExitCode, traversal.Error.Trim()));
        Assert.Contains("Media files: 1.", traversal.Output, StringComparison.Ordinal);
        Assert.Contains("'../../secret.txt' leads outside the media folder and was refused", traversal.Output, StringComparison.Ordinal);
        Assert.Contains("'2019/05/linked.png' leads outside the media folder and was refused", traversal.Output, StringComparison.Ordinal);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("does not exist", missing.Error, StringComparison.Ordinal);

        await using var server = await ServerOnAsync(masthead);
        var article = await server.InScopeAsync(s => s.GetRequiredService<MastheadDb>().Articles.Include(a => a.Section).SingleAsync(a => a.Slug == "harbour"));
        Assert.StartsWith("/media/", article.LeadImage!.Url, StringComparison.Ordinal);
        Assert.Equal("Cranes at dusk", article.LeadImage.Alt);
        Assert.Equal("A short excerpt.", article.Standfirst);
        Assert.Equal("City Hall", article.Section!.Name);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync(article.LeadImage.Url)).StatusCode);
        var page = await server.GetDocumentAsync(ArticleUrls.PathFor(article.UrlDate!.Value, article.Slug));
        var body = page.QuerySelector("article")!.InnerHtml;
        Assert.DoesNotContain("<script", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onclick", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onmouseover", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("evil.example", body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Kept", page.QuerySelector("article .html-block")!.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("/media/", page.QuerySelector("article figure img")!.GetAttribute("src"), StringComparison.Ordinal);
        var leads = await server.InScopeAsync(s => s.GetRequiredService<MastheadDb>().Articles.Where(a => a.Slug != "harbour")
            .Select(a => a.LeadImage == null ? null : a.LeadImage.Url).ToListAsync());
        Assert.All(leads, url => Assert.False(url is not null && url.StartsWith("/media/", StringComparison.Ordinal)));
    }

    internal static async Task<MastheadServer> ServerOnAsync(MastheadProcess masthead) =>
        await MastheadServer.StartAsync(demo: false, dataDirectory: masthead.WorkingDirectory, services: null,
            $"--Masthead:DataDirectory={Path.Combine(masthead.WorkingDirectory, "data")}");

    internal static async Task AssertMovedAsync(MastheadServer server, string from, string to)
    {
        using var response = await server.Client.GetAsync(from);
        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(to, response.Headers.Location?.OriginalString.Replace(server.BaseAddress.GetLeftPart(UriPartial.Authority), "", StringComparison.Ordinal));
    }

    /// <summary>What the fixture holds, counted from the file itself: posts and pages to import, their blocks and their comments.</summary>
    private static (int Posts, int Pages, int Blocks, int Comments) FixtureCounts()
    {
        XNamespace wp = "http://wordpress.org/export/1.2/";
        XNamespace content = "http://purl.org/rss/1.0/modules/content/";
        var items = XDocument.Load(WxrFiles.BlockTestData).Descendants("item")
            .Where(i => (string?)i.Element(wp + "post_type") is "post" or "page" && (string?)i.Element(wp + "status") is not ("trash" or "auto-draft" or "inherit"))
            .ToList();
        var blocks = items.Sum(i => BlockOpener().Matches((string?)i.Element(content + "encoded") ?? "").Count);
        return (items.Count(i => (string?)i.Element(wp + "post_type") == "post"),
            items.Count(i => (string?)i.Element(wp + "post_type") == "page" && (string?)i.Element(wp + "status") == "publish"),
            blocks, items.Sum(i => i.Elements(wp + "comment").Count()));
    }

    private static int Total(Match line) => new[] { "converted", "kept", "nothing" }
        .Sum(g => int.Parse(line.Groups[g].Value.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture));

    [GeneratedRegex(@"<!--\s+wp:[a-z]")]
    private static partial Regex BlockOpener();

    [GeneratedRegex(@"^  (?<name>\S+): (?<converted>[0-9,]+) converted, (?<kept>[0-9,]+) kept as HTML or a link, (?<nothing>[0-9,]+) with nothing to import",
        RegexOptions.Multiline)]
    private static partial Regex BlockLines();
}
