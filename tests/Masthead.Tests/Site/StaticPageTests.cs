using System.Text.Json;
using AngleSharp.Dom;
using Masthead.Testing;

namespace Masthead.Tests.Site;

/// <summary>The demo's standing pages: at their own address, linked from every footer and from the publisher's JSON-LD.</summary>
public sealed class StaticPageTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private MastheadServer Server => site.Server;

    [Theory]
    [InlineData("/about-us", "About us")]
    [InlineData("/ethics-policy", "Ethics policy")]
    [InlineData("/corrections-policy", "Corrections policy")]
    public async Task Each_page_is_at_its_slug_with_its_title(string path, string title)
    {
        var page = await Server.GetDocumentAsync(path);

        Assert.Equal($"{title} - The Larkmoor Lantern", page.Title);
        Assert.Equal(title, page.QuerySelector("main h1")!.TextContent);
        Assert.NotEmpty(page.QuerySelectorAll("main .prose p"));
        Assert.Equal(Server.BaseAddress + path.TrimStart('/'), page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/section/politics")]
    [InlineData("/contact")]
    [InlineData("/about-us")]
    [InlineData("/no-such-page")]
    public async Task Every_footer_links_every_static_page(string path)
    {
        var page = await Server.GetDocumentAsync(path, path == "/no-such-page" ? 404 : 200);

        var links = page.QuerySelectorAll("footer a").Select(a => (a.TextContent, a.GetAttribute("href"))).ToList();
        Assert.Contains(("About us", "/about-us"), links);
        Assert.Contains(("Ethics policy", "/ethics-policy"), links);
        Assert.Contains(("Corrections policy", "/corrections-policy"), links);
        Assert.Contains(("Corrections", "/corrections"), links);
    }

    [Fact]
    public async Task The_publisher_in_json_ld_links_the_policies()
    {
        var front = await Server.GetDocumentAsync("/");
        var articlePath = front.QuerySelector(".story-headline a")!.GetAttribute("href")!;
        var article = await Server.GetDocumentAsync(articlePath);

        var fromFront = JsonDocument.Parse(JsonLd(front)).RootElement.GetProperty("@graph").EnumerateArray().Single(n => n.GetProperty("@type").GetString() == "Organization");
        var fromArticle = JsonDocument.Parse(JsonLd(article)).RootElement.GetProperty("publisher");
        foreach (var publisher in new[] { fromFront, fromArticle })
        {
            Assert.Equal(Server.BaseAddress + "ethics-policy", publisher.GetProperty("ethicsPolicy").GetString());
            Assert.Equal(Server.BaseAddress + "corrections-policy", publisher.GetProperty("correctionsPolicy").GetString());
            Assert.Equal(Server.BaseAddress + "ethics-policy", publisher.GetProperty("publishingPrinciples").GetString());
        }
    }

    [Theory]
    [InlineData("/no-such-page")]
    [InlineData("/about_us")]
    public async Task Unknown_or_malformed_slugs_are_not_found(string path) =>
        await Server.GetDocumentAsync(path, 404);

    [Theory]
    [InlineData("/staff", "Our staff - The Larkmoor Lantern")]
    [InlineData("/contact", "Contact - The Larkmoor Lantern")]
    [InlineData("/corrections", "Corrections - The Larkmoor Lantern")]
    public async Task Literal_routes_win_over_static_pages(string path, string title) =>
        Assert.Equal(title, (await Server.GetDocumentAsync(path)).Title);

    private static string JsonLd(IDocument page) => page.QuerySelector("script[type='application/ld+json']")!.TextContent;
}
