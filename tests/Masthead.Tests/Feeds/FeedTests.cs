using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using Masthead.Core.Articles;
using Masthead.Core.People;
using Masthead.Core.Publishing;
using Masthead.Core.Sections;
using Masthead.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Feeds;

/// <summary>RSS, Atom and JSON Feed for the whole site and per section, tag and author.</summary>
public sealed class FeedTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private const string PublicationName = "The Larkmoor Lantern";
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";
    private static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";

    private MastheadServer Server => site.Server;

    private string BaseUrl => Server.BaseAddress.ToString().TrimEnd('/');

    private async Task<string> GetAsync(string path, string contentType)
    {
        using var response = await Server.Client.GetAsync(path);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType!.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<XElement> RssAsync(string path) => XDocument.Parse(await GetAsync(path, "application/rss+xml")).Root!.Element("channel")!;

    private async Task<XElement> AtomAsync(string path) => XDocument.Parse(await GetAsync(path, "application/atom+xml")).Root!;

    private async Task<JsonElement> JsonFeedAsync(string path) => JsonDocument.Parse(await GetAsync(path, "application/feed+json")).RootElement;

    private void AssertAbsolute(string? url)
    {
        Assert.NotNull(url);
        Assert.StartsWith(BaseUrl + "/", url);
        Assert.True(Uri.IsWellFormedUriString(url, UriKind.Absolute), url);
    }

    private static void AssertEntryId(string? id)
    {
        Assert.NotNull(id);
        Assert.StartsWith("urn:uuid:", id);
        Assert.True(Guid.TryParse(id["urn:uuid:".Length..], out _), id);
    }

    [Fact]
    public async Task Rss_feed_has_the_newest_articles_with_absolute_links_dates_authors_and_full_content()
    {
        var channel = await RssAsync("/feed.xml");

        Assert.Equal(PublicationName, channel.Element("title")!.Value);
        AssertAbsolute(channel.Element("link")!.Value);
        Assert.Equal(BaseUrl + "/feed.xml", channel.Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") == "self").Attribute("href")!.Value);
        var items = channel.Elements("item").ToList();
        Assert.InRange(items.Count, 2, 20);
        var dates = items.Select(i => DateTimeOffset.Parse(i.Element("pubDate")!.Value, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(dates.OrderByDescending(d => d), dates);
        foreach (var item in items)
        {
            Assert.False(string.IsNullOrWhiteSpace(item.Element("title")!.Value));
            AssertAbsolute(item.Element("link")!.Value);
            AssertEntryId(item.Element("guid")!.Value);
            Assert.Equal("false", item.Element("guid")!.Attribute("isPermaLink")?.Value);
            Assert.NotEmpty(item.Elements(Dc + "creator"));
            Assert.NotEmpty(item.Elements("category"));
            Assert.False(string.IsNullOrWhiteSpace(item.Element(Content + "encoded")!.Value));
        }

        var budget = items.Single(i => i.Element("title")!.Value.StartsWith("Council digs into", StringComparison.Ordinal));
        Assert.Equal(["Anaya Kessler", "Tobias Wren"], budget.Elements(Dc + "creator").Select(c => c.Value));
        Assert.Contains("Politics", budget.Elements("category").Select(c => c.Value));
        Assert.Contains("Budget", budget.Elements("category").Select(c => c.Value));
        Assert.StartsWith("More than 200 residents", budget.Element("description")!.Value);
        var enclosure = budget.Element("enclosure")!;
        Assert.Matches($"^{BaseUrl}/media/[a-z2-7]{{12}}/[0-9a-f]{{10}}/city-hall\\.svg$", enclosure.Attribute("url")!.Value);
        Assert.Equal("image/svg+xml", enclosure.Attribute("type")!.Value);
        Assert.Equal((await Server.Client.GetByteArrayAsync(enclosure.Attribute("url")!.Value)).Length.ToString(CultureInfo.InvariantCulture),
            enclosure.Attribute("length")!.Value);
    }

    [Fact]
    public async Task Atom_feed_has_entries_with_ids_dates_authors_summary_content_and_enclosure()
    {
        var feed = await AtomAsync("/feed.atom");

        Assert.Equal(Atom, feed.Name.Namespace);
        Assert.Equal(PublicationName, feed.Element(Atom + "title")!.Value);
        Assert.Equal(BaseUrl + "/feed.atom", feed.Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") == "self").Attribute("href")!.Value);
        DateTimeOffset.Parse(feed.Element(Atom + "updated")!.Value, CultureInfo.InvariantCulture);
        var entries = feed.Elements(Atom + "entry").ToList();
        Assert.NotEmpty(entries);
        foreach (var entry in entries)
        {
            AssertEntryId(entry.Element(Atom + "id")!.Value);
            AssertAbsolute(entry.Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") == "alternate").Attribute("href")!.Value);
            var published = DateTimeOffset.Parse(entry.Element(Atom + "published")!.Value, CultureInfo.InvariantCulture);
            Assert.True(DateTimeOffset.Parse(entry.Element(Atom + "updated")!.Value, CultureInfo.InvariantCulture) >= published);
            Assert.NotEmpty(entry.Elements(Atom + "author"));
            foreach (var author in entry.Elements(Atom + "author"))
            {
                Assert.False(string.IsNullOrWhiteSpace(author.Element(Atom + "name")!.Value));
                AssertAbsolute(author.Element(Atom + "uri")!.Value);
            }

            Assert.Equal("html", entry.Element(Atom + "content")!.Attribute("type")!.Value);
        }

        var budget = entries.Single(e => e.Element(Atom + "title")!.Value.StartsWith("Council digs into", StringComparison.Ordinal));
        Assert.Equal(["Anaya Kessler", "Tobias Wren"], budget.Elements(Atom + "author").Select(a => a.Element(Atom + "name")!.Value));
        Assert.Equal(BaseUrl + "/author/anaya-kessler", budget.Elements(Atom + "author").First().Element(Atom + "uri")!.Value);
        Assert.StartsWith("More than 200 residents", budget.Element(Atom + "summary")!.Value);
        Assert.Contains("Politics", budget.Elements(Atom + "category").Select(c => c.Attribute("term")!.Value));
        var enclosure = budget.Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") == "enclosure");
        Assert.Matches($"^{BaseUrl}/media/[a-z2-7]{{12}}/[0-9a-f]{{10}}/city-hall\\.svg$", enclosure.Attribute("href")!.Value);
    }

    [Fact]
    public async Task Json_feed_is_version_1_1_with_absolute_urls_dates_and_authors_with_urls()
    {
        var feed = await JsonFeedAsync("/feed.json");

        Assert.Equal("https://jsonfeed.org/version/1.1", feed.GetProperty("version").GetString());
        Assert.Equal(PublicationName, feed.GetProperty("title").GetString());
        Assert.Equal(BaseUrl + "/feed.json", feed.GetProperty("feed_url").GetString());
        AssertAbsolute(feed.GetProperty("home_page_url").GetString());
        var items = feed.GetProperty("items").EnumerateArray().ToList();
        Assert.InRange(items.Count, 2, 20);
        foreach (var item in items)
        {
            AssertAbsolute(item.GetProperty("url").GetString());
            AssertEntryId(item.GetProperty("id").GetString());
            Assert.False(string.IsNullOrWhiteSpace(item.GetProperty("content_html").GetString()));
            var published = DateTimeOffset.Parse(item.GetProperty("date_published").GetString()!, CultureInfo.InvariantCulture);
            Assert.True(DateTimeOffset.Parse(item.GetProperty("date_modified").GetString()!, CultureInfo.InvariantCulture) >= published);
            Assert.NotEmpty(item.GetProperty("authors").EnumerateArray());
            foreach (var author in item.GetProperty("authors").EnumerateArray())
            {
                Assert.False(string.IsNullOrWhiteSpace(author.GetProperty("name").GetString()));
                AssertAbsolute(author.GetProperty("url").GetString());
            }
        }

        var budget = items.Single(i => i.GetProperty("title").GetString()!.StartsWith("Council digs into", StringComparison.Ordinal));
        Assert.Equal(["Anaya Kessler", "Tobias Wren"], budget.GetProperty("authors").EnumerateArray().Select(a => a.GetProperty("name").GetString()));
        Assert.Matches($"^{BaseUrl}/media/[a-z2-7]{{12}}/[0-9a-f]{{10}}/city-hall\\.svg$", budget.GetProperty("image").GetString());
        Assert.StartsWith("More than 200 residents", budget.GetProperty("summary").GetString());
        Assert.Contains("Budget", budget.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
    }

    [Theory]
    [InlineData("xml")]
    [InlineData("atom")]
    [InlineData("json")]
    public async Task Section_feed_has_the_section_title_and_only_that_sections_articles(string extension)
    {
        var section = await Server.InScopeAsync(services => services.GetRequiredService<SectionService>().GetBySlugAsync("politics"));
        var path = $"/section/politics/feed.{extension}";

        var (title, categories) = extension switch
        {
            "xml" => await RssTitlesAndCategories(path),
            "atom" => await AtomTitlesAndCategories(path),
            _ => await JsonTitlesAndCategories(path),
        };

        Assert.Equal($"{section!.Name} - {PublicationName}", title);
        Assert.NotEmpty(categories);
        Assert.All(categories, c => Assert.Equal(section.Name, c.First()));
    }

    private async Task<(string, List<List<string>>)> RssTitlesAndCategories(string path)
    {
        var channel = await RssAsync(path);
        return (channel.Element("title")!.Value, channel.Elements("item").Select(i => i.Elements("category").Select(c => c.Value).ToList()).ToList());
    }

    private async Task<(string, List<List<string>>)> AtomTitlesAndCategories(string path)
    {
        var feed = await AtomAsync(path);
        return (feed.Element(Atom + "title")!.Value,
            feed.Elements(Atom + "entry").Select(e => e.Elements(Atom + "category").Select(c => c.Attribute("term")!.Value).ToList()).ToList());
    }

    private async Task<(string, List<List<string>>)> JsonTitlesAndCategories(string path)
    {
        var feed = await JsonFeedAsync(path);
        return (feed.GetProperty("title").GetString()!,
            feed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).ToList()).ToList());
    }

    [Fact]
    public async Task Tag_and_author_feeds_only_have_their_articles()
    {
        var tagFeed = await RssAsync("/tag/budget/feed.xml");
        Assert.EndsWith(" - " + PublicationName, tagFeed.Element("title")!.Value);
        Assert.NotEmpty(tagFeed.Elements("item"));
        Assert.All(tagFeed.Elements("item"), i => Assert.Contains("Budget", i.Elements("category").Select(c => c.Value)));

        var authorFeed = await JsonFeedAsync("/author/tobias-wren/feed.json");
        Assert.Equal("Tobias Wren - " + PublicationName, authorFeed.GetProperty("title").GetString());
        Assert.NotEmpty(authorFeed.GetProperty("items").EnumerateArray());
        Assert.All(authorFeed.GetProperty("items").EnumerateArray(),
            i => Assert.Contains("Tobias Wren", i.GetProperty("authors").EnumerateArray().Select(a => a.GetProperty("name").GetString())));
    }

    [Theory]
    [InlineData("/section/no-such-section/feed.xml")]
    [InlineData("/section/no-such-section/feed.atom")]
    [InlineData("/tag/no-such-tag/feed.json")]
    [InlineData("/author/no-such-person/feed.xml")]
    public async Task Unknown_section_tag_or_author_answers_404(string path)
    {
        using var response = await Server.Client.GetAsync(path);

        Assert.Equal(404, (int)response.StatusCode);
    }

    [Theory]
    [InlineData("/feed.xml")]
    [InlineData("/feed.atom")]
    [InlineData("/section/politics/feed.json")]
    public async Task Feeds_carry_an_etag_and_answer_304_when_it_matches(string path)
    {
        using var response = await Server.Client.GetAsync(path);
        var etag = response.Headers.ETag;
        Assert.NotNull(etag);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, path);
        conditional.Headers.IfNoneMatch.Add(etag);
        using var notModified = await Server.Client.SendAsync(conditional);

        Assert.Equal(304, (int)notModified.StatusCode);
    }

    [Fact]
    public async Task A_newly_published_article_is_in_the_feeds_at_once()
    {
        // Warm the caches first, so the test shows eviction rather than a first render.
        var sectionSlug = await Server.InScopeAsync(async services => (await services.GetRequiredService<SectionService>().ListAsync()).First().Slug);
        await GetAsync("/feed.xml", "application/rss+xml");
        await GetAsync("/feed.json", "application/feed+json");
        await GetAsync($"/section/{sectionSlug}/feed.atom", "application/atom+xml");

        const string headline = "Feed readers learn of the new footbridge";
        await Server.InScopeAsync(async services =>
        {
            var staffId = (await services.GetRequiredService<StaffService>().ListActiveAsync()).First().Id;
            var sectionId = (await services.GetRequiredService<SectionService>().ListAsync()).First().Id;
            var id = await services.GetRequiredService<ArticleService>().CreateAsync(Actor.System,
                new ArticleInput
                {
                    Headline = headline,
                    Standfirst = "A short standfirst.",
                    BodyMarkdown = "The **footbridge** opens.",
                    AuthorIds = [staffId],
                    SectionId = sectionId
                });
            await services.GetRequiredService<PublishingService>().PublishAsync(Actor.System, id, DateTime.UtcNow.AddSeconds(-5));
        });

        var rss = await RssAsync("/feed.xml");
        var newest = rss.Elements("item").First();
        Assert.Equal(headline, newest.Element("title")!.Value);
        Assert.Contains("<strong>footbridge</strong>", newest.Element(Content + "encoded")!.Value);
        var json = await JsonFeedAsync("/feed.json");
        Assert.Equal(headline, json.GetProperty("items")[0].GetProperty("title").GetString());
        var atom = await AtomAsync($"/section/{sectionSlug}/feed.atom");
        Assert.Equal(headline, atom.Elements(Atom + "entry").First().Element(Atom + "title")!.Value);
    }
}
