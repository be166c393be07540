using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using AngleSharp.Dom;
using Masthead.Core.Articles;
using Masthead.Core.Publishing;
using Masthead.Testing;
using Masthead.Tests.ContentApi;
using Masthead.Tests.Newsroom;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Media;

/// <summary>
/// What readers get from a library image: a picture with WebP and JPEG at every width (srcset and sizes), width and
/// height, high priority for the lead image and lazy loading below it; a 1200-wide social preview in OpenGraph,
/// Twitter and NewsArticle; the file's size in feeds; an absolute feature_image in the Content API.
/// </summary>
public sealed class MediaReaderPageTests(IllustratedStory story) : IClassFixture<IllustratedStory>
{
    private MastheadServer Server => story.Server;

    [Fact]
    public async Task The_lead_image_is_a_picture_of_every_width_fetched_first_with_its_size_alt_caption_and_credit()
    {
        var page = await Server.GetDocumentAsync(story.Path);
        var figure = page.QuerySelector("figure.lead-image")!;
        var source = figure.QuerySelector("picture > source[type='image/webp']")!;
        var img = figure.QuerySelector("picture > img")!;

        Assert.Equal(await ExistingWidthsAsync(source.GetAttribute("srcset")!), Widths(story.Lead, "image/webp"));
        Assert.Equal(await ExistingWidthsAsync(img.GetAttribute("srcset")!), Widths(story.Lead, "image/jpeg"));
        Assert.Equal([320, 640, 960, 1280, 1920], Widths(story.Lead, "image/jpeg"));
        Assert.Equal(source.GetAttribute("sizes"), img.GetAttribute("sizes"));
        Assert.Contains("100vw", img.GetAttribute("sizes"), StringComparison.Ordinal);
        Assert.Equal(("1920", "1280"), (img.GetAttribute("width"), img.GetAttribute("height")));
        Assert.Equal(("high", null), (img.GetAttribute("fetchpriority"), img.GetAttribute("loading")));
        Assert.Equal("Boats at the quay", img.GetAttribute("alt")); // the article left it empty: the library's
        Assert.Equal(("The quay at first light", "Tobias Wren"), (figure.QuerySelector(".caption")?.TextContent, figure.QuerySelector(".credit")?.TextContent));
        Assert.Equal(HttpStatusCode.OK, (await Server.Client.GetAsync(img.GetAttribute("src"))).StatusCode);
    }

    [Fact]
    public async Task An_image_in_the_body_loads_lazily_at_every_width_and_a_linked_PDF_says_its_size()
    {
        var page = await Server.GetDocumentAsync(story.Path);
        var img = page.QuerySelector(".article-body picture > img")!;
        var link = page.QuerySelector(".article-body a.document-link")!;

        Assert.Equal(("lazy", "A fishing net drying"), (img.GetAttribute("loading"), img.GetAttribute("alt")));
        Assert.Equal(await ExistingWidthsAsync(img.GetAttribute("srcset")!), Widths(story.Inline, "image/png"));
        Assert.Equal(("900", "600"), (img.GetAttribute("width"), img.GetAttribute("height")));
        Assert.Equal(story.Document.GetProperty("url").GetString(), link.GetAttribute("href"));
        Assert.Equal(" (PDF, 1 KB)", link.NextElementSibling?.TextContent);
    }

    [Fact]
    public async Task OpenGraph_Twitter_and_NewsArticle_show_the_1200_wide_preview()
    {
        var page = await Server.GetDocumentAsync(story.Path);
        var og = Meta(page, "property", "og:image");
        var newsArticle = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent).RootElement;
        var preview = TestImages.Read(await Server.Client.GetByteArrayAsync(og));

        Assert.StartsWith(Server.BaseAddress.ToString().TrimEnd('/') + "/media/", og, StringComparison.Ordinal);
        Assert.Equal((1200, 630), (preview.Width, preview.Height));
        Assert.Equal(("1200", "630"), (Meta(page, "property", "og:image:width"), Meta(page, "property", "og:image:height")));
        Assert.Equal(og, Meta(page, "name", "twitter:image"));
        Assert.Equal("summary_large_image", Meta(page, "name", "twitter:card"));
        Assert.Equal(og, newsArticle.GetProperty("image")[0].GetString());
        Assert.EndsWith("/social-30-70.jpg", og, StringComparison.Ordinal); // cut around the focal point
    }

    [Fact]
    public async Task Story_cards_crop_around_the_focal_point_at_every_width_and_only_the_front_pages_lead_is_eager()
    {
        var front = await Server.GetDocumentAsync("/");
        var lead = front.QuerySelector(".story-lead .story-image img")!;
        var grid = front.QuerySelectorAll(".story-grid .story-image img").ToList();

        Assert.Contains("focal fx-30 fy-70", lead.GetAttribute("class"), StringComparison.Ordinal);
        Assert.Equal(("high", null), (lead.GetAttribute("fetchpriority"), lead.GetAttribute("loading")));
        Assert.Equal(("1200", "675"), (lead.GetAttribute("width"), lead.GetAttribute("height")));
        Assert.Equal(await ExistingWidthsAsync(lead.GetAttribute("srcset")!), Widths(story.Lead, "image/jpeg"));
        Assert.NotEmpty(grid);
        Assert.All(grid, img => Assert.Equal("lazy", img.GetAttribute("loading")));
    }

    [Fact]
    public async Task Every_reader_image_has_its_size_and_library_images_have_srcset()
    {
        foreach (var path in new[] { "/", story.Path, "/staff", "/author/tobias-wren", "/section/politics" })
        {
            var page = await Server.GetDocumentAsync(path);
            var images = page.QuerySelectorAll("img").ToList();
            Assert.NotEmpty(images);
            Assert.All(images, img => Assert.True(img.HasAttribute("height") && img.HasAttribute("alt"), $"{path}: {img.OuterHtml}"));
            Assert.All(images.Where(img => img.GetAttribute("src")!.EndsWith(".jpg", StringComparison.Ordinal)
                    || img.GetAttribute("src")!.EndsWith(".png", StringComparison.Ordinal)),
                img => Assert.True(img.HasAttribute("srcset") && img.HasAttribute("sizes") && img.HasAttribute("width"), $"{path}: {img.OuterHtml}"));
        }
    }

    [Fact]
    public async Task Feeds_carry_the_image_with_its_size_and_the_Content_API_an_absolute_feature_image()
    {
        var rss = XDocument.Parse(await Server.Client.GetStringAsync("/feed.xml"));
        var item = rss.Descendants("item").Single(i => i.Element("title")!.Value == "Boats return to the quay");
        var enclosure = item.Element("enclosure")!;
        var largest = MediaUploadTests.Files(story.Lead, "width").Where(f => f.Type == "image/jpeg").MaxBy(f => f.Width)!;
        var bytes = await Server.Client.GetByteArrayAsync(enclosure.Attribute("url")!.Value);
        var api = await ContentApiClient.WithNewKeyAsync(Server);
        var post = (await api.GetAsync("posts/?filter=slug:boats-return-to-the-quay")).GetProperty("posts")[0];

        Assert.Equal(Server.BaseAddress.ToString().TrimEnd('/') + largest.Url, enclosure.Attribute("url")!.Value);
        Assert.Equal(bytes.Length.ToString(CultureInfo.InvariantCulture), enclosure.Attribute("length")!.Value);
        Assert.Equal("image/jpeg", enclosure.Attribute("type")!.Value);
        Assert.Equal(Server.BaseAddress.ToString().TrimEnd('/') + story.Lead.GetProperty("url").GetString(), post.GetProperty("feature_image").GetString());
        Assert.Equal(HttpStatusCode.OK, (await Server.Client.GetAsync(post.GetProperty("feature_image").GetString())).StatusCode);
    }

    internal static string? Meta(IDocument page, string attribute, string name) =>
        page.QuerySelector($"meta[{attribute}='{name}']")?.GetAttribute("content");

    private static List<int> Widths(JsonElement item, string type) =>
        [.. MediaUploadTests.Files(item, "width").Where(f => f.Type == type).Select(f => f.Width)];

    /// <summary>The widths a srcset names, after checking each file exists and is as wide as it says.</summary>
    private async Task<List<int>> ExistingWidthsAsync(string srcset)
    {
        var widths = new List<int>();
        foreach (var candidate in srcset.Split(", "))
        {
            var (url, descriptor) = (candidate.Split(' ')[0], candidate.Split(' ')[1]);
            var width = int.Parse(descriptor.TrimEnd('w'), CultureInfo.InvariantCulture);
            Assert.Equal(width, TestImages.Read(await Server.Client.GetByteArrayAsync(url)).Width);
            widths.Add(width);
        }

        return widths;
    }
}

/// <summary>The demo publication plus one published story with a library lead image, an inline image and a linked PDF.</summary>
public sealed class IllustratedStory : IAsyncLifetime
{
    private readonly DemoSiteFixture _site = new();

    public MastheadServer Server => _site.Server;
    public JsonElement Lead { get; private set; }
    public JsonElement Inline { get; private set; }
    public JsonElement Document { get; private set; }
    public string Path { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        await _site.InitializeAsync();
        using var reporter = await MediaClient.SignInAsync(Server, DemoLogins.Reporter);
        using var newsroom = await NewsroomClient.SignInAsync(Server, DemoLogins.Reporter);
        Lead = await reporter.UploadItemAsync("quay.jpg", TestImages.Photo(3000, 2000, 1),
            new() { ["alt"] = "Boats at the quay", ["caption"] = "The quay at first light", ["credit"] = "Tobias Wren", ["focalX"] = "0.3", ["focalY"] = "0.7" });
        Inline = await reporter.UploadItemAsync("net.png", TestImages.Png(900, 600), new() { ["alt"] = "A fishing net drying" });
        Document = await reporter.UploadItemAsync("harbour-report.pdf", TestImages.Pdf());
        var body = $"The boats are back.\n\n![]({Inline.GetProperty("url").GetString()})\n\nRead [the harbour report]({Document.GetProperty("url").GetString()}).";
        var id = await newsroom.WriteAsync("Boats return to the quay", body, new() { ["Form.LeadImageUrl"] = Lead.GetProperty("url").GetString()! });
        await Server.InScopeAsync(services => services.GetRequiredService<PublishingService>().BringToAsync(id, ArticleStatus.Published));
        Path = (await Server.ArticleAsync((await Server.StoredAsync(id)).Slug)).Path;
    }

    public ValueTask DisposeAsync() => _site.DisposeAsync();
}

/// <summary>
/// A lead image typed as an address elsewhere is shown as typed. A class of its own: the story it publishes would
/// become the front page's lead, which the illustrated story's tests look at.
/// </summary>
public sealed class MediaHostedElsewhereTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private MastheadServer Server => site.Server;

    [Fact]
    public async Task A_lead_image_hosted_elsewhere_is_shown_as_typed()
    {
        using var newsroom = await NewsroomClient.SignInAsync(Server, DemoLogins.Reporter);
        var id = await newsroom.WriteAsync("Regatta postponed", "Wind.", new()
        {
            ["Form.LeadImageUrl"] = "https://images.example.org/regatta.jpg",
            ["Form.LeadImageAlt"] = "Sailing boats",
        });
        await Server.InScopeAsync(services => services.GetRequiredService<PublishingService>().BringToAsync(id, ArticleStatus.Published));
        var page = await Server.GetDocumentAsync((await Server.ArticleAsync("regatta-postponed")).Path);
        var img = page.QuerySelector("figure.lead-image img")!;

        Assert.Equal(("https://images.example.org/regatta.jpg", "Sailing boats", null), (img.GetAttribute("src"), img.GetAttribute("alt"), img.GetAttribute("srcset")));
        Assert.Equal("https://images.example.org/regatta.jpg", MediaReaderPageTests.Meta(page, "property", "og:image"));
    }
}
