using AngleSharp.Dom;
using Masthead.Testing;

namespace Masthead.Tests.Site;

/// <summary>What every reader page shows, on the demo publication.</summary>
public sealed class ReaderPageTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private const string Publication = "The Larkmoor Lantern";
    private MastheadServer Server => site.Server;

    public static TheoryData<string> PublicPages => ["/", "/section/politics", "/tag/budget", "/author/delphine-marrow", "/staff", "/contact", "/no-such-page"];

    [Theory]
    [MemberData(nameof(PublicPages))]
    public async Task Every_page_carries_the_masthead_with_name_tagline_and_contact_prompt(string path)
    {
        var document = await Server.GetDocumentAsync(path, path == "/no-such-page" ? 404 : 200);

        var masthead = document.QuerySelector("header.masthead")!;
        Assert.Equal(Publication, masthead.QuerySelector(".masthead-name")!.TextContent.Trim());
        Assert.Equal("Fearless. Frank. Fair.", masthead.QuerySelector(".masthead-tagline")!.TextContent.Trim());
        var contact = masthead.QuerySelector(".masthead-contact")!;
        Assert.Equal("Let's talk: editor@larkmoorlantern.example", Normalize(contact.TextContent));
        Assert.Equal("mailto:editor@larkmoorlantern.example", contact.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("en-US", document.DocumentElement.GetAttribute("lang"));
    }

    [Theory]
    [InlineData("/section/politics", "Politics - The Larkmoor Lantern")]
    [InlineData("/author/delphine-marrow", "Delphine Marrow - The Larkmoor Lantern")]
    [InlineData("/staff", "Our staff - The Larkmoor Lantern")]
    [InlineData("/contact", "Contact - The Larkmoor Lantern")]
    [InlineData("/", "The Larkmoor Lantern - Fearless. Frank. Fair.")]
    public async Task Titles_name_the_page_then_the_publication(string path, string title) =>
        Assert.Equal(title, (await Server.GetDocumentAsync(path)).Title);

    [Fact]
    public async Task Front_page_has_a_lead_story_six_top_stories_and_a_block_per_section()
    {
        var document = await Server.GetDocumentAsync("/");

        var lead = document.QuerySelector(".front-lead .story-lead")!;
        Assert.NotNull(lead.QuerySelector("img"));
        Assert.Matches(@"^/\d{4}/\d{2}/\d{2}/[a-z0-9-]+$", lead.QuerySelector(".story-headline a")!.GetAttribute("href"));
        Assert.Equal(6, document.QuerySelectorAll(".front-top-stories .story").Length);
        var blocks = document.QuerySelectorAll(".front-section h2").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(["World", "Politics", "Business", "Culture"], blocks);
    }

    [Fact]
    public async Task Staff_page_lists_everyone_with_their_job_title()
    {
        var document = await Server.GetDocumentAsync("/staff");

        var people = document.QuerySelectorAll(".staff-card")
            .ToDictionary(card => card.QuerySelector(".staff-name")!.TextContent.Trim(), card => card.QuerySelector(".staff-title")!.TextContent.Trim());
        Assert.Equal("Founder & Editorial Director", people["Delphine Marrow"]);
        Assert.True(people.Count >= 3);
        Assert.All(people.Values, title => Assert.False(string.IsNullOrWhiteSpace(title)));
    }

    [Fact]
    public async Task Contact_page_shows_the_prompt_and_address()
    {
        var document = await Server.GetDocumentAsync("/contact");

        var prompt = document.QuerySelector("main .contact-prompt")!;
        Assert.Equal("Let's talk: editor@larkmoorlantern.example", Normalize(prompt.TextContent));
        Assert.Equal("mailto:editor@larkmoorlantern.example", prompt.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Author_pages_list_co_authored_articles_too()
    {
        var front = await Server.GetDocumentAsync("/");
        var shared = front.QuerySelectorAll(".story").First(story => story.QuerySelector(".story-authors")?.TextContent.Contains(" and ") == true);
        var headline = shared.QuerySelector(".story-headline")!.TextContent.Trim();
        var names = shared.QuerySelector(".story-authors")!.TextContent.Trim()["By ".Length..].Split(" and ");

        var staff = await Server.GetDocumentAsync("/staff");
        foreach (var name in names)
        {
            var href = staff.QuerySelectorAll(".staff-name a").First(a => a.TextContent.Trim() == name).GetAttribute("href")!;
            var authorPage = await Server.GetDocumentAsync(href);
            Assert.Contains(headline, authorPage.QuerySelectorAll(".story-headline").Select(h => h.TextContent.Trim()));
        }
    }

    [Fact]
    public async Task Section_pages_list_only_their_own_articles_newest_first()
    {
        var document = await Server.GetDocumentAsync("/section/business");

        var stories = document.QuerySelectorAll(".story-list .story");
        Assert.True(stories.Length >= 5);
        Assert.All(stories, story => Assert.Equal("Business", story.QuerySelector(".story-kicker")!.TextContent.Trim()));
        var times = stories.Select(s => DateTimeOffset.Parse(s.QuerySelector("time")!.GetAttribute("datetime")!)).ToList();
        Assert.Equal(times.OrderDescending(), times);
        Assert.Equal("page", document.QuerySelector("nav a[href='/section/business']")!.GetAttribute("aria-current"));
    }

    [Theory]
    [InlineData("/no-such-page")]
    [InlineData("/section/no-such-section")]
    [InlineData("/tag/no-such-tag")]
    [InlineData("/author/nobody")]
    [InlineData("/2026/13/45/council-budget-night")]
    [InlineData("/2026/02/30/council-budget-night")]
    [InlineData("/2026/02/03/NOT_A_SLUG")]
    [InlineData("/99999999999/01/01/x")]
    [InlineData("/section/politics?page=abc")]
    [InlineData("/section/politics?page=0")]
    [InlineData("/section/politics?page=-1")]
    [InlineData("/section/politics?page=999")]
    [InlineData("/section/politics?page=1&page=2")]
    [InlineData("/section/%E2%82%AC")]
    [InlineData("/error/999")]
    public async Task Unknown_or_malformed_addresses_get_the_404_page(string path)
    {
        using var response = await Server.Client.GetAsync(path);
        var document = await MastheadServer.ParseAsync(await response.Content.ReadAsStringAsync());

        Assert.Equal(404, (int)response.StatusCode);
        Assert.Equal("Page not found", document.QuerySelector("h1")?.TextContent);
        Assert.Equal("noindex", document.QuerySelector("meta[name=robots]")?.GetAttribute("content"));
        Assert.NotNull(document.QuerySelector("header.masthead"));
    }

    private static string Normalize(string text) => string.Join(' ', text.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public async Task The_demo_shows_a_pager_on_its_busiest_author_page()
    {
        var first = await Server.GetDocumentAsync("/author/tobias-wren");
        var second = await Server.GetDocumentAsync("/author/tobias-wren?page=2");

        Assert.Equal("/author/tobias-wren?page=2", first.QuerySelector(".pager a[rel=next]")!.GetAttribute("href"));
        Assert.NotEmpty(second.QuerySelectorAll(".story-list .story"));
        Assert.Equal("/author/tobias-wren", second.QuerySelector(".pager a[rel=prev]")!.GetAttribute("href"));
    }
}
