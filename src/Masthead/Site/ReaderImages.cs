using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Masthead.Core.Media;
using Masthead.Media;
using Microsoft.AspNetCore.Html;

namespace Masthead.Site;

/// <summary>How an image is fetched: lazily below the first screen, at once above it, or first of all (the lead image).</summary>
public enum ImageLoading
{
    Lazy,
    Eager,
    Priority,
}

/// <summary>
/// Where an image sits on a reader page. <paramref name="Sizes"/> is the srcset sizes attribute (how wide the slot
/// is at each screen width); <paramref name="Width"/> and <paramref name="Height"/> the slot's shape when it crops
/// (<paramref name="Crop"/>: cards and portraits, cropped around the focal point), else only used for images from elsewhere.
/// </summary>
public sealed record ImageSlot(string Sizes, int Width, int Height, string? Class, ImageLoading Loading, bool Crop = false);

/// <summary>
/// Writes reader pages' images. A media-library image gets a &lt;picture&gt; with WebP and its original kind at
/// every width made (srcset with sizes, so a phone fetches a phone-sized file), its width and height (nothing
/// shifts as it loads), lazy loading below the first screen, high priority for the lead image, and, where the slot
/// crops, its focal point. An SVG needs no widths; an image from elsewhere is written as it was typed.
/// </summary>
public sealed class ReaderImages(MediaLookup lookup, MediaUrls urls)
{
    private const int PreferredFallbackWidth = 960;

    /// <summary>Images at least this wide are decoded off the main thread; portraits and logos are too small to matter.</summary>
    private const int DecodeApartWidth = 300;

    public ValueTask<MediaItemView?> FindAsync(string? address) => lookup.FindAsync(address);

    public async Task<IHtmlContent> ImgAsync(string? address, string alt, ImageSlot slot)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return HtmlString.Empty;
        }

        var item = await lookup.FindAsync(address);
        return new HtmlString(item is null ? Plain(address, alt, slot) : Library(item, alt, slot) ?? Plain(address, alt, slot));
    }

    /// <summary>The masthead's logo, <paramref name="height"/> CSS pixels tall: its widths are chosen for that height.</summary>
    public async Task<IHtmlContent> LogoAsync(string address, int height, string cssClass)
    {
        var item = await lookup.FindAsync(address);
        var (width, tall) = item?.Display is { Width: > 0, Height: > 0 } display ? (display.Width, display.Height) : (0, 0);
        var slot = new ImageSlot(
            tall > 0 ? string.Create(CultureInfo.InvariantCulture, $"{Math.Ceiling((double)height * width / tall)}px") : "100vw",
            0, height, cssClass, ImageLoading.Eager);
        if (item is null || tall == 0)
        {
            return new HtmlString(Img(address, null, null, (0, height), "", slot, null).Replace(" width=\"0\"", "", StringComparison.Ordinal));
        }

        return new HtmlString(Library(item, "", slot) ?? Plain(address, "", slot));
    }

    /// <summary>What the lead image says: the article's own alt text, caption and credit, else the library item's.</summary>
    public async Task<(string Alt, string? Caption, string? Credit)> TextAsync(string address, string alt, string? caption, string? credit)
    {
        var item = await lookup.FindAsync(address);
        return (
            string.IsNullOrWhiteSpace(alt) ? item?.Alt ?? "" : alt,
            string.IsNullOrWhiteSpace(caption) ? item?.Caption : caption,
            string.IsNullOrWhiteSpace(credit) ? item?.Credit : credit);
    }

    /// <summary>The absolute address of the 1200-wide social preview of a library image, else of the address itself.</summary>
    public async Task<(string Url, int? Width, int? Height)> SocialAsync(string address, Func<string, string> absolute)
    {
        var item = await lookup.FindAsync(address);
        return item?.Social is { } social
            ? (absolute(urls.File(social)), social.Width, social.Height)
            : (absolute(address), null, null);
    }

    /// <summary>The file feeds and the Content API give for an image: the largest width in its own kind, with its size and type.</summary>
    public async Task<(string Url, long? Length, string? Type)> FileAsync(string address, Func<string, string> absolute)
    {
        var item = await lookup.FindAsync(address);
        return item?.Display is { } display
            ? (absolute(urls.File(display)), display.ByteSize, display.ContentType)
            : (absolute(address), null, null);
    }

    private string? Library(MediaItemView item, string alt, ImageSlot slot)
    {
        if (item.Vector is { } vector)
        {
            return Img(urls.File(vector), null, null, Dimensions(slot, vector.Width, vector.Height), alt, slot, item);
        }

        if (item.FallbackType is not { } fallbackType)
        {
            return null; // a document, not an image
        }

        var fallback = item.Responsive(fallbackType);
        var webp = item.Responsive("image/webp");
        var largest = fallback[^1];
        var src = fallback.LastOrDefault(f => f.Width <= PreferredFallbackWidth) ?? fallback[0];
        var html = new StringBuilder("<picture>");
        if (webp.Count > 0 && fallbackType != "image/webp")
        {
            html.Append("<source type=\"image/webp\" srcset=\"").Append(Encode(SrcSet(webp))).Append("\" sizes=\"").Append(Encode(slot.Sizes)).Append("\">");
        }

        html.Append(Img(urls.File(src), SrcSet(fallback), slot.Sizes, Dimensions(slot, largest.Width, largest.Height), alt, slot, item));
        return html.Append("</picture>").ToString();
    }

    private static (int Width, int Height) Dimensions(ImageSlot slot, int width, int height) =>
        slot.Crop ? (slot.Width, slot.Height) : (width, height);

    private static string Plain(string address, string alt, ImageSlot slot) =>
        Img(address, null, null, (slot.Width, slot.Height), alt, slot, null);

    private static string Img(string src, string? srcset, string? sizes, (int Width, int Height) size, string alt, ImageSlot slot, MediaItemView? item)
    {
        var html = new StringBuilder("<img");
        var classes = string.Join(' ', new[] { slot.Class, slot.Crop && item is not null ? FocalClasses(item) : null }.Where(c => c is { Length: > 0 }));
        if (classes.Length > 0)
        {
            html.Append(" class=\"").Append(Encode(classes)).Append('"');
        }

        html.Append(" src=\"").Append(Encode(src)).Append('"');
        if (srcset is not null)
        {
            html.Append(" srcset=\"").Append(Encode(srcset)).Append("\" sizes=\"").Append(Encode(sizes ?? "100vw")).Append('"');
        }

        html.Append(" alt=\"").Append(Encode(alt)).Append('"')
            .Append(CultureInfo.InvariantCulture, $" width=\"{size.Width}\" height=\"{size.Height}\"")
            .Append(slot.Loading switch
            {
                ImageLoading.Lazy => " loading=\"lazy\"",
                ImageLoading.Priority => " fetchpriority=\"high\"",
                _ => "",
            })
            .Append(size.Width >= DecodeApartWidth ? " decoding=\"async\"" : "")
            .Append('>');
        return html.ToString();
    }

    private string SrcSet(IReadOnlyList<MediaFile> files) =>
        string.Join(", ", files.Select(f => string.Create(CultureInfo.InvariantCulture, $"{urls.File(f)} {f.Width}w")));

    /// <summary>
    /// Classes that set object-position to the focal point, in tenths (site.css has each), so no inline style is
    /// needed; none for the centre, where a crop is centred anyway.
    /// </summary>
    private static string? FocalClasses(MediaItemView item) => (Tenths(item.FocalX), Tenths(item.FocalY)) is (50, 50)
        ? null
        : string.Create(CultureInfo.InvariantCulture, $"focal fx-{Tenths(item.FocalX)} fy-{Tenths(item.FocalY)}");

    private static int Tenths(double fraction) => (int)Math.Round(Math.Clamp(fraction, 0, 1) * 10) * 10;

    private static string Encode(string value) => HtmlEncoder.Default.Encode(value);
}
