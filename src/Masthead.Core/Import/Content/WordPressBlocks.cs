using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Masthead.Core.Import.Content;

/// <summary>
/// Readies a WordPress post's content for <see cref="MarkdownFromHtml"/>: block comments
/// (<c>&lt;!-- wp:name {"attr":1} --&gt;</c> ... <c>&lt;!-- /wp:name --&gt;</c>) become <c>&lt;wp-block name attrs&gt;</c>
/// elements, so each block's HTML arrives whole with its name; the shortcodes <c>[caption]</c>, <c>[gallery]</c>,
/// <c>[embed]</c>, <c>[audio]</c> and <c>[video]</c> become the HTML WordPress would show; and classic content,
/// which WordPress shows with a blank line between paragraphs, gets its paragraphs.
/// </summary>
internal static partial class WordPressBlocks
{
    /// <param name="gallery">The images (address, alt text) of a <c>[gallery]</c>: by its ids, or the post's attached images when it names none.</param>
    public static string ToHtml(string content, Func<IReadOnlyList<string>?, IReadOnlyList<(string Src, string Alt)>> gallery, ContentConversion conversion)
    {
        var hasBlocks = content.Contains("<!-- wp:", StringComparison.Ordinal);
        var html = Shortcodes(content, gallery, conversion);
        return hasBlocks ? BlockComment().Replace(html, Element) : Paragraphs(html);
    }

    private static string Element(Match comment)
    {
        if (comment.Groups["closer"].Success)
        {
            return "</wp-block>";
        }

        var name = comment.Groups["name"].Value;
        if (!name.Contains('/', StringComparison.Ordinal))
        {
            name = "core/" + name;
        }

        var attributes = comment.Groups["attrs"].Success ? comment.Groups["attrs"].Value.Trim() : "";
        var open = $"<wp-block name=\"{WebUtility.HtmlEncode(name)}\" data-attrs=\"{WebUtility.HtmlEncode(attributes)}\">";
        return comment.Groups["void"].Success ? open + "</wp-block>" : open;
    }

    private static string Shortcodes(string content, Func<IReadOnlyList<string>?, IReadOnlyList<(string Src, string Alt)>> gallery, ContentConversion conversion)
    {
        if (!content.Contains('[', StringComparison.Ordinal))
        {
            return content;
        }

        content = Caption().Replace(content, m =>
        {
            conversion.Converted("[caption]");
            var inner = m.Groups["inner"].Value;
            var image = ImageTag().Match(inner);
            var caption = Attribute(m.Groups["attrs"].Value, "caption") ?? (image.Success ? inner[(image.Index + image.Length)..] : inner);
            caption = Regex.Replace(caption, @"^\s*</a>", "", RegexOptions.None, TimeSpan.FromSeconds(1)).Trim();
            return image.Success ? $"<figure>{image.Value}<figcaption>{caption}</figcaption></figure>" : $"<p>{inner}</p>";
        });
        content = Gallery().Replace(content, m =>
        {
            conversion.Converted("[gallery]");
            var ids = Attribute(m.Groups["attrs"].Value, "ids")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var images = gallery(ids);
            var text = new StringBuilder("<figure class=\"wp-block-gallery\">");
            foreach (var (src, alt) in images)
            {
                text.Append($"<img src=\"{WebUtility.HtmlEncode(src)}\" alt=\"{WebUtility.HtmlEncode(alt)}\">");
            }

            return text.Append("</figure>").ToString();
        });
        content = Embed().Replace(content, m =>
        {
            conversion.Converted("[embed]");
            return $"\n\n<figure class=\"wp-block-embed\">{m.Groups["url"].Value.Trim()}</figure>\n\n";
        });
        content = Media().Replace(content, m =>
        {
            var kind = m.Groups["kind"].Value;
            var attributes = m.Groups["attrs"].Value;
            var src = Attribute(attributes, "src") ?? Attribute(attributes, "mp3") ?? Attribute(attributes, "mp4") ?? Attribute(attributes, "m4a");
            if (src is null)
            {
                conversion.Dropped($"[{kind}]", "it names no file");
                return "";
            }

            conversion.KeptAsLink($"[{kind}]");
            return $"<p><a href=\"{WebUtility.HtmlEncode(src)}\">{(kind == "audio" ? "Listen" : "Watch")}: {WebUtility.HtmlEncode(Path.GetFileName(src))}</a></p>";
        });
        foreach (Match other in OtherShortcode().Matches(content))
        {
            conversion.KeptAsText($"[{other.Groups["name"].Value}]");
        }

        return content;
    }

    private static string? Attribute(string attributes, string name)
    {
        var match = Regex.Match(attributes, $@"\b{name}\s*=\s*(?:""(?<v>[^""]*)""|'(?<v>[^']*)'|(?<v>[^\s\]]+))", RegexOptions.None, TimeSpan.FromSeconds(1));
        return match.Success ? WebUtility.HtmlDecode(match.Groups["v"].Value) : null;
    }

    /// <summary>WordPress's wpautop, in short: a blank line ends a paragraph, a single line break is a break.</summary>
    private static string Paragraphs(string html)
    {
        var text = new StringBuilder();
        foreach (var chunk in BlankLine().Split(html.Replace("\r\n", "\n", StringComparison.Ordinal)))
        {
            var trimmed = chunk.Trim();
            if (trimmed.Length == 0)
            {
                continue;
            }

            text.Append(BlockStart().IsMatch(trimmed) ? trimmed : "<p>" + trimmed.Replace("\n", "<br>\n", StringComparison.Ordinal) + "</p>").Append('\n');
        }

        return text.ToString();
    }

    // WordPress's own grammar for block comments (WP_Block_Parser), without PHP's possessive quantifier.
    [GeneratedRegex(@"<!--\s+(?<closer>/)?wp:(?<name>[a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*)?)\s+(?<attrs>\{(?:[^}]|\}+(?=\})|\}(?!\s+/?-->))*\}\s+)?(?<void>/)?-->",
        RegexOptions.CultureInvariant, 5000)]
    private static partial Regex BlockComment();

    [GeneratedRegex(@"\[(?:wp_)?caption(?<attrs>[^\]]*)\](?<inner>.*?)\[/(?:wp_)?caption\]", RegexOptions.Singleline | RegexOptions.IgnoreCase, 5000)]
    private static partial Regex Caption();

    [GeneratedRegex(@"<img\b[^>]*>", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex ImageTag();

    [GeneratedRegex(@"\[gallery(?<attrs>[^\]]*)\]", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex Gallery();

    [GeneratedRegex(@"\[embed[^\]]*\](?<url>[^\[]*)\[/embed\]", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex Embed();

    [GeneratedRegex(@"\[(?<kind>audio|video|playlist)(?<attrs>[^\]]*)\](?:[^\[]*\[/\k<kind>\])?", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex Media();

    // What WordPress would take for a plugin's shortcode: a name with attributes, or an opening and closing pair.
    [GeneratedRegex(@"\[(?<name>[a-z][a-z0-9_-]*)(?:\s+[a-z0-9_-]+\s*=[^\]]*\]|\][^\[]*\[/\k<name>\])", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex OtherShortcode();

    [GeneratedRegex(@"\n[ \t]*\n", RegexOptions.None, 1000)]
    private static partial Regex BlankLine();

    [GeneratedRegex(@"^<(?:p|div|h[1-6]|ul|ol|dl|blockquote|pre|table|figure|hr|iframe|video|audio|form|section|address|!--)\b", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex BlockStart();
}
