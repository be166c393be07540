using System.Net;
using System.Xml.Linq;
using AngleSharp.Dom;
using Masthead.Testing;

namespace Masthead.Tests.Site;

/// <summary>An editor overrides how an article shows in search results and on social cards; the head and sitemaps follow.</summary>
public sealed class SearchAndSocialTests : IAsyncLifetime
{
    private static readonly XNamespace Sm = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private MastheadServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await MastheadServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private static string? Meta(IDocument page, string selector) => page.QuerySelector(selector)?.GetAttribute("content");

    /// <summary>Saves the editor's form of <paramref name="slug"/> with <paramref name="values"/> changed, as an editor does.</summary>
    private async Task<HttpResponseMessage> SaveAsync(NewsroomClient editor, string slug, Dictionary<string, string> values)
    {
        var (id, _) = await _server.ArticleAsync(slug);
        return await editor.SubmitAsync($"/newsroom/articles/{id}", "form.article-form", values, button: "intent=save");
    }

    private async Task<List<string>> SitemapPathsAsync(string sitemap)
    {
        var xml = XDocument.Parse(await _server.Client.GetStringAsync(sitemap));
        return [.. xml.Root!.Elements(Sm + "url").Select(u => new Uri(u.Element(Sm + "loc")!.Value).AbsolutePath)];
    }

    [Fact]
    public async Task Search_and_social_overrides_replace_the_defaults_in_the_head_and_the_page_keeps_its_headline()
    {
        using var editor = await NewsroomClient.SignInAsync(_server, DemoLogins.Editor);
        var (_, path) = await _server.ArticleAsync("mill-reopening");
        var before = await _server.GetDocumentAsync(path); // cached, with the defaults

        using var saved = await SaveAsync(editor, "mill-reopening", new()
        {
            ["Form.SearchTitle"] = "Hartwell mill reopening: 280 battery recycling jobs",
            ["Form.SearchDescription"] = "What the Ferrin Cellworks plan means for Larkmoor's riverfront.",
            ["Form.SocialTitle"] = "The mill is coming back",
            ["Form.SocialDescription"] = "280 jobs, and questions about wastewater.",
            ["Form.SocialImageUrl"] = "/demo/images/factory.svg",
        });
        var page = await _server.GetDocumentAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("Shuttered Hartwell mill to reopen as battery recycling plant with 280 jobs - The Larkmoor Lantern", before.Title);
        Assert.Equal("Hartwell mill reopening: 280 battery recycling jobs - The Larkmoor Lantern", page.Title);
        Assert.Equal("What the Ferrin Cellworks plan means for Larkmoor's riverfront.", Meta(page, "meta[name=description]"));
        Assert.Equal(("The mill is coming back", "The mill is coming back"), (Meta(page, "meta[property='og:title']"), Meta(page, "meta[name='twitter:title']")));
        Assert.Equal(("280 jobs, and questions about wastewater.", "280 jobs, and questions about wastewater."),
            (Meta(page, "meta[property='og:description']"), Meta(page, "meta[name='twitter:description']")));
        var image = new Uri(_server.BaseAddress, "/demo/images/factory.svg").ToString();
        Assert.Equal((image, image, "summary_large_image"),
            (Meta(page, "meta[property='og:image']"), Meta(page, "meta[name='twitter:image']"), Meta(page, "meta[name='twitter:card']")));
        Assert.Equal("Shuttered Hartwell mill to reopen as battery recycling plant with 280 jobs", page.QuerySelector("h1")!.TextContent);
        Assert.Equal(new Uri(_server.BaseAddress, path).ToString(), page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Null(page.QuerySelector("meta[name=robots]"));
    }

    [Fact]
    public async Task A_syndicated_piece_names_the_original_as_canonical_and_leaves_the_sitemaps()
    {
        using var editor = await NewsroomClient.SignInAsync(_server, DemoLogins.Editor);
        var (_, path) = await _server.ArticleAsync("fertilizer-costs-global");
        Assert.Contains(path, await SitemapPathsAsync("/sitemaps/articles-1.xml"));
        Assert.Contains(path, await SitemapPathsAsync("/news-sitemap.xml"));

        using var saved = await SaveAsync(editor, "fertilizer-costs-global", new() { ["Form.CanonicalUrl"] = "https://wire.example/2026/fertilizer-squeeze" });
        var page = await _server.GetDocumentAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("https://wire.example/2026/fertilizer-squeeze", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal("https://wire.example/2026/fertilizer-squeeze", Meta(page, "meta[property='og:url']"));
        Assert.DoesNotContain(path, await SitemapPathsAsync("/sitemaps/articles-1.xml"));
        Assert.DoesNotContain(path, await SitemapPathsAsync("/news-sitemap.xml"));
    }

    [Fact]
    public async Task An_article_hidden_from_search_engines_says_noindex_and_leaves_the_sitemaps_until_shown_again()
    {
        using var editor = await NewsroomClient.SignInAsync(_server, DemoLogins.Editor);
        var (_, path) = await _server.ArticleAsync("mill-reopening");
        var articles = await SitemapPathsAsync("/sitemaps/articles-1.xml");

        (await SaveAsync(editor, "mill-reopening", new() { ["Form.HideFromSearchEngines"] = "true" })).Dispose();
        var hidden = await _server.GetDocumentAsync(path);
        var hiddenSitemap = await SitemapPathsAsync("/sitemaps/articles-1.xml");
        var hiddenNews = await SitemapPathsAsync("/news-sitemap.xml");
        (await SaveAsync(editor, "mill-reopening", new() { ["Form.HideFromSearchEngines"] = "false" })).Dispose();

        Assert.Equal("noindex", Meta(hidden, "meta[name=robots]"));
        Assert.Equal(articles.Where(p => p != path), hiddenSitemap);
        Assert.DoesNotContain(path, hiddenNews);
        Assert.Null((await _server.GetDocumentAsync(path)).QuerySelector("meta[name=robots]"));
        Assert.Contains(path, await SitemapPathsAsync("/sitemaps/articles-1.xml"));
        Assert.Contains(path, (await _server.GetDocumentAsync($"/search?q=Hartwell")).QuerySelectorAll(".search-result a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task The_editor_previews_the_search_result_and_social_card_and_refuses_a_bad_address_keeping_what_was_typed()
    {
        using var editor = await NewsroomClient.SignInAsync(_server, DemoLogins.Editor);
        var (id, path) = await _server.ArticleAsync("mill-reopening");

        var form = await editor.GetDocumentAsync($"/newsroom/articles/{id}");
        using var refused = await SaveAsync(editor, "mill-reopening", new()
        {
            ["Form.SocialTitle"] = "The mill is coming back",
            ["Form.CanonicalUrl"] = "wire.example/no-scheme",
        });
        var again = await MastheadServer.ParseAsync(await refused.Content.ReadAsStringAsync());

        Assert.Equal("Shuttered Hartwell mill to reopen as battery recycling plant with 280 jobs - The Larkmoor Lantern", form.QuerySelector(".search-preview-title")!.TextContent);
        Assert.StartsWith("Ferrin Cellworks plans", form.QuerySelector(".search-preview-description")!.TextContent);
        Assert.EndsWith(string.Join(" › ", path.Trim('/').Split('/')), form.QuerySelector(".search-preview-url")!.TextContent);
        Assert.Equal("Shuttered Hartwell mill to reopen as battery recycling plant with 280 jobs", form.QuerySelector(".social-preview-title")!.TextContent);
        Assert.NotNull(form.QuerySelector(".social-preview-image img[src]"));
        Assert.Null(form.QuerySelector("details.search-social[open]")); // nothing overridden yet: folded away

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode); // the editor again, with the problem beside the field
        Assert.NotNull(again.QuerySelector("details.search-social[open]"));
        Assert.StartsWith("The canonical address is the original's full address", again.QuerySelector("#canonical-problem")!.TextContent);
        Assert.Equal("wire.example/no-scheme", again.QuerySelector("input[name='Form.CanonicalUrl']")!.GetAttribute("value"));
        Assert.Equal("The mill is coming back", again.QuerySelector(".social-preview-title")!.TextContent);
        Assert.Null((await _server.GetDocumentAsync(path)).QuerySelector("meta[property='og:title'][content='The mill is coming back']"));
    }
}
