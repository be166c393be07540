using System.Globalization;
using AngleSharp.Html.Parser;
using Masthead.Core.Media;

namespace Masthead.Site;

/// <summary>
/// Media-library files in an article's or page's body, which is stored as sanitized HTML with the addresses the
/// writer used: each image becomes a responsive &lt;picture&gt; (cropped to the grid in a gallery), and each link to
/// a PDF says how large it is (a PDF linked alone on its line becomes a document card).
/// Done when the page is rendered (and then cached), so a replaced file or a new focal point shows at once.
/// </summary>
public static class BodyMedia
{
    private static readonly HtmlParser Parser = new();

    public static async Task<string> RenderAsync(string html, ReaderImages images)
    {
        if (!html.Contains(MediaAddresses.Prefix, StringComparison.Ordinal))
        {
            return html;
        }

        var document = await Parser.ParseDocumentAsync($"<body>{html}</body>");
        var body = document.Body!;
        var changed = false;
        foreach (var img in body.QuerySelectorAll("img").ToList())
        {
            var src = img.GetAttribute("src");
            if (await images.FindAsync(src) is { Kind: MediaKind.Image } item)
            {
                var alt = img.GetAttribute("alt") is { Length: > 0 } written ? written : item.Alt;
                var picture = await images.ImgAsync(src, alt, img.Closest(".gallery") is null ? ImageSlots.BodyImage : ImageSlots.Gallery);
                using var writer = new StringWriter(CultureInfo.InvariantCulture);
                picture.WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
                img.OuterHtml = writer.ToString();
                changed = true;
            }
        }

        foreach (var link in body.QuerySelectorAll("a[href]").ToList())
        {
            if (await images.FindAsync(link.GetAttribute("href")) is { Kind: MediaKind.Document } document2)
            {
                if (link.ParentElement is { ClassName: "document-card" } card)
                {
                    // A PDF linked alone on its line: a card with its name, kind and size.
                    var title = link.TextContent;
                    link.ClassName = "document-link";
                    link.InnerHtml = "";
                    var name = document.CreateElement("span");
                    name.ClassName = "document-card-title";
                    name.TextContent = title;
                    var meta = document.CreateElement("span");
                    meta.ClassName = "document-card-meta";
                    meta.TextContent = $"PDF, {Size(document2.ByteSize)}";
                    link.Append(name, meta);
                    changed = true;
                    continue;
                }

                link.ClassList.Add("document-link");
                var size = document.CreateElement("span");
                size.ClassName = "document-size";
                size.TextContent = $" (PDF, {Size(document2.ByteSize)})";
                link.After(size);
                changed = true;
            }
        }

        return changed ? body.InnerHtml : html;
    }

    /// <summary>"240 KB", "1.2 MB": the size a reader weighs before opening a document on a phone.</summary>
    public static string Size(long bytes) => bytes switch
    {
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1, (bytes + 512) / 1024)} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB"),
    };
}
