using System.Diagnostics;
using System.Text.Json;
using Masthead.Core.Articles;
using Masthead.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Feeds;

/// <summary>The feeds as two widely used independent parsers (npm rss-parser and feedparser) read them.</summary>
public sealed class FeedParserTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private static string Script => Path.Combine(TestEnvironment.RepositoryRoot, "tests", "tools", "parse-feed.js");
    private static string Modules => Path.Combine(TestEnvironment.RepositoryRoot, "tests", "tools", "node_modules");

    [Theory]
    [InlineData("/feed.xml")]
    [InlineData("/feed.atom")]
    [InlineData("/section/business/feed.xml")]
    [InlineData("/author/tobias-wren/feed.atom")]
    public async Task Both_parsers_read_titles_links_dates_and_authors(string path)
    {
        TestEnvironment.Require(Directory.Exists(Path.Combine(Modules, "rss-parser")) && Directory.Exists(Path.Combine(Modules, "feedparser")),
            "The feed parsers are not installed: run `npm ci --prefix tests/tools` (.ci/run does).");
        var expected = await site.Server.InScopeAsync(services =>
            services.GetRequiredService<ArticleQueries>().ListAsync(Filter(path, services), 1, 20));
        Assert.NotEmpty(expected.Items);

        using var parsed = JsonDocument.Parse(await ParseAsync(new Uri(site.Server.BaseAddress, path).ToString()));

        foreach (var parser in new[] { "rssParser", "feedparser" })
        {
            var feed = parsed.RootElement.GetProperty(parser);
            Assert.EndsWith("The Larkmoor Lantern", feed.GetProperty("title").GetString());
            var items = feed.GetProperty("items").EnumerateArray().ToList();
            Assert.Equal(expected.Items.Count, items.Count);
            for (var i = 0; i < items.Count; i++)
            {
                var article = expected.Items[i];
                Assert.Equal(article.Headline, items[i].GetProperty("title").GetString());
                Assert.Equal(new Uri(site.Server.BaseAddress, article.Path).ToString(), items[i].GetProperty("link").GetString());
                Assert.Equal(
                    new DateTimeOffset(article.PublishedAt, TimeSpan.Zero).ToUnixTimeSeconds(),
                    DateTimeOffset.Parse(items[i].GetProperty("date").GetString()!).ToUnixTimeSeconds());
                if (article.Authors.Count == 1 || parser == "rssParser")
                {
                    Assert.Equal(article.Authors[0].Name, items[i].GetProperty("author").GetString());
                }
            }
        }
    }

    private static ArticleFilter Filter(string path, IServiceProvider services)
    {
        var db = services.GetRequiredService<Masthead.Core.Storage.MastheadDb>();
        return path.Split('/') switch
        {
            [_, "section", var slug, _] => new ArticleFilter(SectionId: db.Sections.Single(s => s.Slug == slug).Id),
            [_, "author", var slug, _] => new ArticleFilter(AuthorId: db.Staff.Single(s => s.Slug == slug).Id),
            _ => ArticleFilter.All,
        };
    }

    private static async Task<string> ParseAsync(string url)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Script);
        start.ArgumentList.Add(url);
        using var node = Process.Start(start)!;
        var output = node.StandardOutput.ReadToEndAsync();
        var error = node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        Assert.True(node.ExitCode == 0, $"parse-feed.js failed: {await error}");
        return await output;
    }
}
