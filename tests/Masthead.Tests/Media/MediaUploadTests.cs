using System.Net;
using System.Text.Json;
using Masthead.Testing;

namespace Masthead.Tests.Media;

/// <summary>
/// Uploading through the newsroom's media API: the type is read from the content, every variant is made at once
/// with the right widths and types, nothing of the camera's metadata (GPS included) reaches a reader, and the files
/// are served with a year's caching, ETags and ranges.
/// </summary>
public sealed class MediaUploadTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private MastheadServer Server => site.Server;

    [Fact]
    public async Task A_photo_gets_every_width_in_WebP_and_JPEG_turned_upright_with_no_metadata_left()
    {
        using var reporter = await MediaClient.SignInAsync(Server, DemoLogins.Reporter);
        var photo = TestImages.Photo(width: 2400, height: 1600, orientation: 6); // stored sideways: upright it is 1600 × 2400
        Assert.Contains(TestImages.Metadata(photo), field => field.Contains("GPSLatitude", StringComparison.Ordinal));

        var item = await reporter.UploadItemAsync("Mill at dawn.JPG", photo, new() { ["alt"] = "The mill at dawn", ["credit"] = "Tobias Wren" });

        Assert.Equal(("image", "image/jpeg", 1600, 2400), (item.GetProperty("kind").GetString(), item.GetProperty("contentType").GetString(),
            item.GetProperty("width").GetInt32(), item.GetProperty("height").GetInt32()));
        Assert.Equal(("The mill at dawn", "Tobias Wren", "Tobias Wren"), (item.GetProperty("alt").GetString(), item.GetProperty("credit").GetString(),
            item.GetProperty("uploadedBy").GetProperty("name").GetString()));
        Assert.Matches("^/media/[a-z2-7]{12}/mill-at-dawn\\.jpg$", item.GetProperty("url").GetString());
        var widths = Files(item, "width");
        Assert.Equal([320, 640, 960, 1280, 1600], widths.Where(f => f.Type == "image/webp").Select(f => f.Width));
        Assert.Equal([320, 640, 960, 1280, 1600], widths.Where(f => f.Type == "image/jpeg").Select(f => f.Width));
        Assert.Equal(10, widths.Count);
        var social = item.GetProperty("socialImage");
        Assert.Equal((1200, 630), (social.GetProperty("width").GetInt32(), social.GetProperty("height").GetInt32()));

        foreach (var file in widths.Append(new FileRef(social.GetProperty("url").GetString()!, 1200, 630, "image/jpeg")))
        {
            using var response = await Server.Client.GetAsync(file.Url);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(file.Type, response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
            var served = TestImages.Read(bytes);
            Assert.Equal((file.Width, file.Type == "image/webp" ? "webpload_buffer" : "jpegload_buffer"), (served.Width, served.Loader));
            Assert.Empty(TestImages.Metadata(bytes)); // no EXIF (so no GPS, no orientation), no XMP, IPTC or profile
            if (file.Width == 1600)
            {
                Assert.Equal(2400, served.Height); // upright
            }
        }

        using var own = await Server.Client.GetAsync(item.GetProperty("url").GetString());
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Empty(TestImages.Metadata(await own.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task Widths_stop_at_the_originals_and_a_large_photo_stops_at_1920()
    {
        using var reporter = await MediaClient.SignInAsync(Server, DemoLogins.Reporter);

        var small = await reporter.UploadItemAsync("small.jpg", TestImages.Photo(700, 500, orientation: 1));
        var large = await reporter.UploadItemAsync("large.jpg", TestImages.Photo(4000, 3000, orientation: 1));

        Assert.Equal([320, 640, 700], Files(small, "width").Where(f => f.Type == "image/webp").Select(f => f.Width));
        Assert.Equal([320, 640, 960, 1280, 1920], Files(large, "width").Where(f => f.Type == "image/jpeg").Select(f => f.Width));
        Assert.Equal((700, 368), (small.GetProperty("socialImage").GetProperty("width").GetInt32(), small.GetProperty("socialImage").GetProperty("height").GetInt32()));
    }

    [Theory]
    [InlineData("plan.png", "png", "image/png")]
    [InlineData("transparent.png", "png-alpha", "image/png")]
    [InlineData("river.webp", "webp", "image/jpeg")]
    [InlineData("harbour.avif", "avif", "image/jpeg")]
    public async Task Each_kind_keeps_its_own_format_beside_WebP_and_formats_without_one_fall_back_to_JPEG_or_PNG(string name, string kind, string fallback)
    {
        using var reporter = await MediaClient.SignInAsync(Server, DemoLogins.Reporter);
        var content = kind switch
        {
            "png" => TestImages.Png(),
            "png-alpha" => TestImages.Png(transparent: true),
            "webp" => TestImages.WebP(),
            _ => TestImages.Avif(),
        };

        // The browser's claim is ignored: the content decides.
        using var response = await reporter.UploadAsync(name, content, claimedType: "application/octet-stream");
        var item = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var types = Files(item, "width").Select(f => f.Type).Distinct().Order().ToList();
        Assert.Equal(new[] { fallback, "image/webp" }.Distinct().Order(), types);
    }

    [Fact]
    public async Task An_animated_GIF_stays_animated_in_both_formats_and_its_social_preview_is_a_still()
    {
        using var reporter = await MediaClient.SignInAsync(Server, DemoLogins.Reporter);

        var item = await reporter.UploadItemAsync("radar.gif", TestImages.AnimatedGif(400, 200, frames: 4));

        Assert.True(item.GetProperty("animated").GetBoolean());
        Assert.Equal((400, 200), (item.GetProperty("width").GetInt32(), item.GetProperty("height").GetInt32()));
        foreach (var file in Files(item, "width"))
        {
            var bytes = await Server.Client.GetByteArrayAsync(file.Url);
            var served = TestImages.Read(bytes);
            Assert.Equal((4, file.Width), (served.Pages, served.Width));
            Assert.Contains(file.Type, new[] { "image/gif", "image/webp" });
        }

        var social = await Server.Client.GetByteArrayAsync(item.GetProperty("socialImage").GetProperty("url").GetString());
        Assert.Equal(1, TestImages.Read(social).Pages);
    }

    [Fact]
    public async Task Variants_answer_conditional_and_range_requests()
    {
        using var reporter = await MediaClient.SignInAsync(Server, DemoLogins.Reporter);
        var item = await reporter.UploadItemAsync("range.jpg", TestImages.Photo(800, 600, orientation: 1));
        var file = Files(item, "width").First(f => f.Type == "image/jpeg");

        using var whole = await Server.Client.GetAsync(file.Url);
        var bytes = await whole.Content.ReadAsByteArrayAsync();
        var etag = whole.Headers.ETag!;
        using var conditional = new HttpRequestMessage(HttpMethod.Get, file.Url);
        conditional.Headers.IfNoneMatch.Add(etag);
        using var notModified = await Server.Client.SendAsync(conditional);
        using var ranged = new HttpRequestMessage(HttpMethod.Get, file.Url);
        ranged.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(100, 199);
        using var partial = await Server.Client.SendAsync(ranged);
        using var beyond = new HttpRequestMessage(HttpMethod.Get, file.Url);
        beyond.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(bytes.Length + 10, null);
        using var unsatisfiable = await Server.Client.SendAsync(beyond);

        Assert.Equal("bytes", whole.Headers.AcceptRanges.Single());
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal($"bytes 100-199/{bytes.Length}", partial.Content.Headers.ContentRange?.ToString());
        Assert.Equal(bytes[100..200], await partial.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, unsatisfiable.StatusCode);
    }

    [Fact]
    public async Task A_PDF_is_a_document_served_as_uploaded_under_its_name()
    {
        using var contributor = await MediaClient.SignInAsync(Server, DemoLogins.Contributor);
        var pdf = TestImages.Pdf();

        var item = await contributor.UploadItemAsync("County budget 2027.pdf", pdf);
        using var served = await Server.Client.GetAsync(item.GetProperty("url").GetString());

        Assert.Equal(("document", "application/pdf", pdf.Length),
            (item.GetProperty("kind").GetString(), item.GetProperty("contentType").GetString(), item.GetProperty("size").GetInt32()));
        Assert.Equal(JsonValueKind.Null, item.GetProperty("width").ValueKind);
        Assert.Equal("application/pdf", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal(pdf, await served.Content.ReadAsByteArrayAsync());
        Assert.Equal("County budget 2027.pdf", served.Content.Headers.ContentDisposition?.FileNameStar);
    }

    [Fact]
    public async Task An_administrators_SVG_is_kept_as_a_drawing_without_comments_or_editor_metadata()
    {
        using var admin = await MediaClient.SignInAsync(Server, DemoLogins.Administrator);
        var svg = TestImages.Svg("<!-- drawn by hand --><metadata><author>Someone</author></metadata><rect width=\"300\" height=\"150\" fill=\"#123\"/>");

        var item = await admin.UploadItemAsync("badge.svg", svg);
        var served = await Server.Client.GetStringAsync(item.GetProperty("url").GetString());

        Assert.Equal(("image/svg+xml", 300, 150), (item.GetProperty("contentType").GetString(), item.GetProperty("width").GetInt32(), item.GetProperty("height").GetInt32()));
        Assert.Contains("<rect", served, StringComparison.Ordinal);
        Assert.DoesNotContain("drawn by hand", served, StringComparison.Ordinal);
        Assert.DoesNotContain("Someone", served, StringComparison.Ordinal);
        Assert.Equal("image/jpeg", item.GetProperty("socialImage").GetProperty("type").GetString());
    }

    [Fact]
    public async Task The_list_is_newest_first_searched_by_name_alt_caption_and_credit_and_filtered_by_uploader_and_month()
    {
        using var editor = await MediaClient.SignInAsync(Server, DemoLogins.Editor);
        var first = await editor.UploadItemAsync("harvest-fields.jpg", TestImages.Photo(400, 300, 1), new() { ["caption"] = "Wheat near Orrin" });
        var second = await editor.UploadItemAsync("council-chamber.jpg", TestImages.Photo(400, 300, 1), new() { ["credit"] = "Orrin Photo Co-op" });
        var editorId = second.GetProperty("uploadedBy").GetProperty("id").GetInt32();
        var month = DateTime.UtcNow.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

        var orrin = await editor.GetJsonAsync($"{MediaClient.Api}?q=orrin");
        var mine = await editor.GetJsonAsync($"{MediaClient.Api}?uploader={editorId}&month={month}&limit=1");
        var empty = await editor.GetJsonAsync($"{MediaClient.Api}?month=1999-01");
        using var badMonth = await editor.Http.GetAsync($"{MediaClient.Api}?month=last");

        Assert.Equal([second.GetProperty("id").GetInt32(), first.GetProperty("id").GetInt32()],
            orrin.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()));
        Assert.Equal(2, mine.GetProperty("total").GetInt32());
        Assert.Equal((1, 2), (mine.GetProperty("items").GetArrayLength(), mine.GetProperty("pages").GetInt32()));
        Assert.Equal(second.GetProperty("id").GetInt32(), mine.GetProperty("items")[0].GetProperty("id").GetInt32());
        Assert.Equal(0, empty.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, badMonth.StatusCode);
        Assert.True((await MediaClient.ProblemAsync(badMonth)).GetProperty("errors").TryGetProperty("month", out _));
    }

    [Fact]
    public async Task Files_put_in_the_uploads_directory_by_hand_are_served_when_they_are_media_and_never_as_pages_or_scripts()
    {
        var uploads = Path.Combine(Server.DataDirectory, "uploads");
        Directory.CreateDirectory(uploads);
        await File.WriteAllBytesAsync(Path.Combine(uploads, "old-photo.jpg"), TestImages.Photo(400, 300, 1));
        await File.WriteAllTextAsync(Path.Combine(uploads, "page.html"), "<script>alert(document.cookie)</script>");
        await File.WriteAllTextAsync(Path.Combine(uploads, "tracker.js"), "alert(1)");

        using var photo = await Server.Client.GetAsync("/media/old-photo.jpg");
        using var page = await Server.Client.GetAsync("/media/page.html");
        using var script = await Server.Client.GetAsync("/media/tracker.js");

        Assert.Equal((HttpStatusCode.OK, "image/jpeg"), (photo.StatusCode, photo.Content.Headers.ContentType?.MediaType));
        Assert.Equal("public, max-age=86400", photo.Headers.CacheControl?.ToString());
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (page.StatusCode, script.StatusCode));
    }

    internal sealed record FileRef(string Url, int Width, int Height, string Type);

    internal static List<FileRef> Files(JsonElement item, string role) =>
    [
        .. item.GetProperty("files").EnumerateArray()
            .Where(f => f.GetProperty("role").GetString() == role)
            .Select(f => new FileRef(f.GetProperty("url").GetString()!, f.GetProperty("width").GetInt32(), f.GetProperty("height").GetInt32(), f.GetProperty("type").GetString()!))
            .OrderBy(f => f.Type, StringComparer.Ordinal).ThenBy(f => f.Width),
    ];
}
