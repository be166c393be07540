using System.Text.RegularExpressions;
using Ganss.Xss;
using Masthead.Core.Text;
using Masthead.Core.Text.Blocks;

namespace Masthead.Core.Import.Content;

/// <summary>
/// HTML with no Markdown equivalent, sanitized with the allowlist of editors' HTML blocks (frames included: the
/// renderer turns those from known providers into click-to-load embeds and drops the rest) before it is stored.
/// </summary>
internal static partial class HtmlKeeper
{
    private static readonly HtmlSanitizer Sanitizer = Create();

    public static string Sanitize(string html)
    {
        var clean = SanitizedHtml.Sanitize(Sanitizer, html).Trim();
        return FenceLine().Replace(clean, "$1&#58;"); // a line of its own starting ":::" would end the block early
    }

    private static HtmlSanitizer Create()
    {
        var options = BodySanitizer.Options();
        options.AllowedTags.Add("iframe");
        options.AllowedAttributes.UnionWith(["width", "height"]);
        return new HtmlSanitizer(options);
    }

    [GeneratedRegex(@"^([ \t]*):", RegexOptions.Multiline)]
    private static partial Regex FenceLine();
}
