using System.Net;
using Masthead.Core.Articles;
using Masthead.Core.Storage;
using Masthead.Tests.Cli;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Import;

/// <summary>`masthead import ghost` with a real Ghost 5 export and its images.</summary>
public sealed class GhostImportTests
{
    private static string Export => Path.Combine(WxrFiles.Fixtures, "ghost-5-export.json");

    private static string Images => Path.Combine(WxrFiles.Fixtures, "ghost-5-images");

    [Fact]
    public async Task A_Ghost_5_export_imports_with_its_images_states_and_old_addresses_and_again_without_duplicates()
    {
        await using var masthead = await MastheadProcess.OnTestDatabaseAsync();

        var first = await masthead.RunAsync("import", "ghost", Export, "--images", Images);
        var again = await masthead.RunAsync("import", "ghost", Export, "--images", Images);

        Assert.Equal((0, ""), (first.ExitCode, first.Error.Trim()));
        Assert.Contains("Articles: 6 added, 0 updated. Pages: 2 added, 0 updated.", first.Output, StringComparison.Ordinal);
        Assert.Contains("Media files: 4.", first.Output, StringComparison.Ordinal);
        Assert.Contains("Articles: 0 added, 0 updated. Pages: 0 added, 0 updated.", again.Output, StringComparison.Ordinal);

        await using var server = await WordPressImportTests.ServerOnAsync(masthead);
        var articles = await server.InScopeAsync(s => s.GetRequiredService<MastheadDb>().Articles.Include(a => a.Tags).ThenInclude(t => t.Tag)
            .Include(a => a.Authors).ToListAsync());
        Assert.Equal(6, articles.Count);
        Assert.Equal(ArticleStatus.Scheduled, articles.Single(a => a.Slug == "tide-tables-for-the-holiday-week").Status);
        Assert.Equal(ArticleStatus.Draft, articles.Single(a => a.Slug.StartsWith("draft-", StringComparison.Ordinal)).Status);
        var harbour = articles.Single(a => a.Slug == "harbour-dredging-to-start-in-march-after-two-year-permit-fight");
        Assert.Equal(ArticleStatus.Published, harbour.Status);
        Assert.Equal("The north channel project was held up by a two-year permit dispute.", harbour.Standfirst);
        Assert.Equal(("Cranes over the north channel at dusk", "The north channel, where dredging will begin."), (harbour.LeadImage!.Alt, harbour.LeadImage.Caption));
        Assert.StartsWith("/media/", harbour.LeadImage.Url, StringComparison.Ordinal);
        Assert.Single(harbour.Authors);
        Assert.Contains(harbour.Tags, t => t.Tag!.Slug == "harbour");
        Assert.DoesNotContain(articles.SelectMany(a => a.Tags), t => t.Tag!.Name.StartsWith('#'));
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync(harbour.LeadImage.Url)).StatusCode);

        var path = ArticleUrls.PathFor(harbour.UrlDate!.Value, harbour.Slug);
        await WordPressImportTests.AssertMovedAsync(server, $"/{harbour.Slug}/", path);
        var page = await server.GetDocumentAsync(path);
        Assert.All(page.QuerySelectorAll("article figure img"), img => Assert.StartsWith("/media/", img.GetAttribute("src"), StringComparison.Ordinal));
        Assert.Contains(page.QuerySelectorAll("article figure figcaption"), f => f.TextContent.Trim() == "The south berth will take every crossing from March.");
        Assert.NotNull(page.QuerySelector("article blockquote"));
        Assert.Contains(page.QuerySelectorAll("article li"), li => li.TextContent.Trim() == "Work starts March 3");
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/about-the-courier")).StatusCode);
    }

    [Theory]
    [InlineData("{\"db\":[{\"meta\":{},\"data\":{\"posts\":[{\"id\":\"1\",\"title\":\"A\"},\n{\"id\":\"2\" \"title\":\"B\"}]}}]}", "line 2")]
    [InlineData("{\"db\":[{\"meta\":{},\"data\":{\"posts\":[{\"id\":\"1\",\"title\":\"A\"},{\"id\":\"2\",\"title\":{\"no\":1}}]}}]}", "$.db[0].data.posts[1].title")]
    [InlineData("{\"something\":\"else\"}", "$.data is missing")]
    public async Task Malformed_or_foreign_JSON_is_refused_with_its_line_or_path_and_nothing_is_written(string json, string said)
    {
        await using var masthead = await MastheadProcess.OnTestDatabaseAsync();
        var path = Path.Combine(masthead.WorkingDirectory, "export.json");
        await File.WriteAllTextAsync(path, json);

        var (exitCode, _, error) = await masthead.RunAsync("import", "ghost", path);

        Assert.Equal(1, exitCode);
        Assert.Contains(said, error, StringComparison.Ordinal);
        Assert.Contains("Nothing was imported.", error, StringComparison.Ordinal);
        await using var server = await WordPressImportTests.ServerOnAsync(masthead);
        Assert.Equal(0, await server.InScopeAsync(s => s.GetRequiredService<MastheadDb>().Articles.CountAsync()));
    }
}
