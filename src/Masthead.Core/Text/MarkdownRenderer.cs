using Ganss.Xss;
using Markdig;
using Markdig.Syntax;

namespace Masthead.Core.Text;

/// <summary>
/// Turns staff-written Markdown into safe HTML. Raw HTML in the Markdown is shown as text, and the
/// output is sanitized as well, so a bug in either layer alone cannot let script through.
/// </summary>
public sealed class MarkdownRenderer
{
    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UseListExtras()
        .UseFootnotes()
        .UseFigures()
        .Build();

    private readonly HtmlSanitizer _sanitizer = CreateSanitizer();

    public RenderedMarkdown Render(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return new RenderedMarkdown("", "", 0);
        }

        var document = Markdown.Parse(markdown, _pipeline);
        DemoteTopLevelHeadings(document);
        var html = _sanitizer.Sanitize(document.ToHtml(_pipeline));
        var plain = Markdown.ToPlainText(markdown, _pipeline).Trim();
        return new RenderedMarkdown(html, plain, CountWords(plain));
    }

    public string Sanitize(string html) => _sanitizer.Sanitize(html);

    /// <summary>The page's own h1 is the headline, so a "# Heading" in the body becomes an h2 rather than a second h1.</summary>
    private static void DemoteTopLevelHeadings(MarkdownDocument document)
    {
        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            heading.Level = Math.Max(2, heading.Level);
        }
    }

    internal static int CountWords(string text)
    {
        var words = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var isWordChar = char.IsLetterOrDigit(c);
            if (isWordChar && !inWord)
            {
                words++;
            }

            inWord = isWordChar;
        }

        return words;
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code", "em", "strong", "del",
                "ins", "mark", "sub", "sup", "a", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody",
                "tr", "th", "td", "figure", "figcaption", "img", "section", "div", "span",
            },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "href", "src", "alt", "title", "id", "class", "start", "colspan", "rowspan", "style",
            },
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "src" },
            AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "text-align" },
        };
        return new HtmlSanitizer(options);
    }
}

/// <param name="Html">Sanitized HTML.</param>
/// <param name="PlainText">The text alone, for search, descriptions and word counts.</param>
public sealed record RenderedMarkdown(string Html, string PlainText, int WordCount);
