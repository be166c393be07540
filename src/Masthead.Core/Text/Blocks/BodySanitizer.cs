using Ganss.Xss;

namespace Masthead.Core.Text.Blocks;

/// <summary>The elements and attributes a body may have once rendered: what Markdown and the blocks write, and no more.</summary>
internal static class BodySanitizer
{
    /// <summary>What an editor's HTML block may use, before its frames are made into embeds.</summary>
    public static HtmlSanitizerOptions Options() => new()
    {
        AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code", "em", "strong", "del",
            "ins", "mark", "sub", "sup", "a", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody",
            "tr", "th", "td", "figure", "figcaption", "img", "section", "div", "span",
            "caption", "tfoot", "b", "i", "u", "s", "q", "cite", "small", "abbr", "time", "details", "summary",
        },
        AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "href", "src", "alt", "title", "id", "class", "start", "colspan", "rowspan", "datetime",
        },
        AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
        UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "src" },
    };

    /// <summary>The whole body's: also the attributes the blocks write (an embed's frame address and title, a callout's role).</summary>
    public static HtmlSanitizer Create()
    {
        var options = Options();
        options.AllowedAttributes.UnionWith(["data-embed-src", "data-embed-title", "role"]);
        options.UriAttributes.Add("data-embed-src");
        return new HtmlSanitizer(options);
    }
}
