using Masthead.Core.Import;
using Masthead.Core.Import.Content;

namespace Masthead.Core.Text;

/// <summary>
/// HTML as Masthead's Markdown for writers that send HTML (Ghost's Admin API with source=html), by the importers'
/// converter (<see cref="MarkdownFromHtml"/>): what has a Markdown form becomes it, the rest is kept as sanitized HTML
/// blocks, and scripts are dropped. Addresses stay as they are, and no import report is kept.
/// </summary>
public static class HtmlMarkdown
{
    public static string Convert(string html) =>
        new MarkdownFromHtml(new ContentConversion(new ImportReport { Source = "html" }, "html", src => src, href => href)).Convert(html);
}
