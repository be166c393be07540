using System.Text;
using Masthead.Core.Media;
using Masthead.Core.Media.Processing;

namespace Masthead.Core.Tests;

/// <summary>The media library's rules that need no server: addresses, file names, sniffing, SVG sanitizing, crops.</summary>
public sealed class MediaRulesTests
{
    [Theory]
    [InlineData("/media/abcdefghijk2/photo.jpg", "abcdefghijk2")]
    [InlineData("https://news.example.org/media/abcdefghijk2/photo.jpg", "abcdefghijk2")]
    [InlineData("/media/abcdefghijk2/0123456789/640.webp", "abcdefghijk2")]
    [InlineData("/media/photo.jpg", null)]
    [InlineData("/media/ABCDEFGHIJK2/photo.jpg", null)]
    [InlineData("/demo/images/city-hall.svg", null)]
    [InlineData("https://elsewhere.example/images/media/abcdefghijk2/x.jpg", null)]
    public void An_address_names_a_library_item_only_in_the_librarys_shape(string address, string? key)
    {
        Assert.Equal(key, MediaAddresses.TryGetKey(address, out var found) ? found : null);
    }

    [Fact]
    public void Markdown_names_each_item_once_wherever_it_shows_or_links_it()
    {
        var markdown = "![A](/media/aaaaaaaaaaaa/a.jpg) and [the report](/media/bbbbbbbbbbbb/report.pdf), again ![A](/media/aaaaaaaaaaaa/a.jpg \"t\")";

        Assert.Equal(["aaaaaaaaaaaa", "bbbbbbbbbbbb"], MediaAddresses.KeysIn(markdown));
        Assert.Empty(MediaAddresses.KeysIn("No images at all."));
    }

    [Theory]
    [InlineData("Council Budget (final).JPG", "png", "council-budget-final.png")]
    [InlineData("Café du Pont.jpeg", "jpg", "cafe-du-pont.jpg")]
    [InlineData("!!!.gif", "gif", "file.gif")]
    public void The_address_name_is_the_file_name_as_a_slug_with_the_real_types_extension(string fileName, string extension, string expected)
    {
        Assert.Equal(expected, MediaFileNames.AddressName(fileName, extension));
    }

    [Theory]
    [InlineData("../../etc/passwd.jpg", "contains a path")]
    [InlineData("C:\\Users\\ana\\photo.jpg", "contains a path")]
    [InlineData("..", "contains a path")]
    [InlineData("photo\u0001.jpg", "control characters")]
    [InlineData("photo\u202e.gpj.exe", "control characters")]
    [InlineData("   ", "has no name")]
    public void A_file_name_with_a_path_or_control_characters_is_refused(string fileName, string reason)
    {
        var refused = Assert.Throws<MediaRejectedException>(() => MediaFileNames.Check(fileName));

        Assert.Contains(reason, refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, "JPEG")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0 }, "PNG")]
    [InlineData(new byte[] { (byte)'G', (byte)'I', (byte)'F', (byte)'8', (byte)'9', (byte)'a' }, "GIF")]
    [InlineData(new byte[] { (byte)'R', (byte)'I', (byte)'F', (byte)'F', 0, 0, 0, 0, (byte)'W', (byte)'E', (byte)'B', (byte)'P' }, "WebP")]
    [InlineData(new byte[] { 0, 0, 0, 28, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'a', (byte)'v', (byte)'i', (byte)'f',
        0, 0, 0, 0, (byte)'m', (byte)'i', (byte)'f', (byte)'1' }, "AVIF")]
    [InlineData(new byte[] { 0, 0, 0, 24, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'h', (byte)'e', (byte)'i', (byte)'c',
        0, 0, 0, 0, (byte)'m', (byte)'i', (byte)'f', (byte)'1' }, "HEIC")]
    [InlineData(new byte[] { (byte)'%', (byte)'P', (byte)'D', (byte)'F', (byte)'-', (byte)'1' }, "PDF")]
    public void The_type_is_read_from_the_first_bytes(byte[] content, string format)
    {
        Assert.Equal(format, FileSniffer.Detect(content, "any.name").Name);
    }

    [Theory]
    [InlineData("<?xml version=\"1.0\"?>\n<!-- a drawing -->\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>", "SVG")]
    [InlineData("<!DOCTYPE html><html><body>hi</body></html>", "an HTML page")]
    [InlineData("Just some notes about the budget.\n", "text")]
    [InlineData("PK\u0003\u0004 zipped", "a ZIP archive")]
    public void Text_is_an_SVG_only_when_its_first_element_is_svg(string content, string expected)
    {
        var bytes = Encoding.UTF8.GetBytes(content);
        if (expected == "SVG")
        {
            Assert.Equal(MediaFormat.Svg, FileSniffer.Detect(bytes, "a.svg"));
            return;
        }

        var refused = Assert.Throws<MediaRejectedException>(() => FileSniffer.Detect(bytes, "a.jpg"));
        Assert.Equal(MediaRejection.UnsupportedType, refused.Reason);
        Assert.Contains($"is {expected}", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>", "<script>")]
    [InlineData("<SCRIPT xmlns=\"http://www.w3.org/2000/svg\">alert(1)</SCRIPT>", "<SCRIPT>")]
    [InlineData("<g onload=\"alert(1)\"/>", "event handler (onload")]
    [InlineData("<a href=\"javascript:alert(1)\"><rect width=\"1\" height=\"1\"/></a>", "javascript:")]
    [InlineData("<use href=\"https://evil.example/sprite.svg#x\"/>", "outside the file")]
    [InlineData("<use xlink:href=\"//evil.example/s.svg#x\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"/>", "outside the file")]
    [InlineData("<rect style=\"fill: url(https://evil.example/p.png)\" width=\"1\" height=\"1\"/>", "outside the file")]
    [InlineData("<style>@import url(https://evil.example/a.css);</style>", "imports a stylesheet")]
    [InlineData("<foreignObject><p xmlns=\"http://www.w3.org/1999/xhtml\">hi</p></foreignObject>", "<foreignObject>")]
    [InlineData("<set attributeName=\"href\" to=\"javascript:alert(1)\"/>", "javascript:")]
    public void An_SVG_that_could_run_code_or_fetch_anything_is_refused_saying_what_was_found(string inner, string found)
    {
        var svg = Encoding.UTF8.GetBytes($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">{inner}</svg>");

        var refused = Assert.Throws<MediaRejectedException>(() => SvgSanitizer.Sanitize(svg, "x.svg"));

        Assert.Contains(found, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_clean_SVG_keeps_its_drawing_and_loses_comments_metadata_and_editors_markup()
    {
        var svg = Encoding.UTF8.GetBytes("""
            <?xml version="1.0"?>
            <!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" width="20" height="10" role="img">
              <!-- exported by hand --><metadata><rdf>Author: someone</rdf></metadata>
              <title>A red bar</title>
              <g inkscape:label="Layer 1"><rect width="20" height="10" fill="#c33" style="stroke: #000"/><use href="#r"/></g>
            </svg>
            """);

        var clean = Encoding.UTF8.GetString(SvgSanitizer.Sanitize(svg, "bar.svg"));

        Assert.Contains("<rect width=\"20\" height=\"10\" fill=\"#c33\" style=\"stroke: #000\" />", clean, StringComparison.Ordinal);
        Assert.Contains("<title>A red bar</title>", clean, StringComparison.Ordinal);
        Assert.Contains("href=\"#r\"", clean, StringComparison.Ordinal);
        Assert.DoesNotContain("someone", clean, StringComparison.Ordinal);
        Assert.DoesNotContain("exported", clean, StringComparison.Ordinal);
        Assert.DoesNotContain("inkscape", clean, StringComparison.Ordinal);
        Assert.DoesNotContain("DOCTYPE", clean, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4000, 3000, 0.5, 0.5, 0, 450, 4000, 2100)]   // wide: full width, centred band
    [InlineData(4000, 3000, 0.5, 0.0, 0, 0, 4000, 2100)]     // focal point at the top: the band starts there
    [InlineData(4000, 3000, 0.5, 1.0, 0, 900, 4000, 2100)]   // at the bottom: it ends there
    [InlineData(6000, 1000, 0.9, 0.5, 4095, 0, 1905, 1000)] // a panorama: full height, moved right as far as it goes
    public void The_social_crop_is_the_largest_1200_by_630_box_kept_around_the_focal_point(int width, int height, double x, double y, int left, int top, int boxWidth,
        int boxHeight)
    {
        Assert.Equal((left, top, boxWidth, boxHeight), ImageProcessor.CropBox(width, height, x, y));
    }

    [Fact]
    public void A_PDF_must_have_a_version_objects_and_an_end()
    {
        PdfCheck.Verify("%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n%%EOF\n"u8, "ok.pdf");

        Assert.Throws<MediaRejectedException>(() => PdfCheck.Verify("%PDF-1.7\n1 0 obj\n<<>>\n"u8, "cut.pdf"));
        Assert.Throws<MediaRejectedException>(() => PdfCheck.Verify("%PDF-x and then nothing %%EOF"u8, "odd.pdf"));
    }
}
