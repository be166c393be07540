using System.Globalization;
using Ganss.Xss;
using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;

namespace Masthead.Core.Text;

/// <summary>
/// Turns staff-written Markdown into safe HTML. Raw HTML in the Markdown is shown as text, and the output is
/// sanitized as well, so a bug in either layer alone cannot let script through. Text that would take more than a
/// moment to render (too long, too many lines, nested too deeply, too much formatting in one place: see
/// <see cref="MarkdownWorkLimit"/>) is refused with what to change, before the costly part of rendering starts.
/// </summary>
public sealed class MarkdownRenderer
{
    /// <summary>Quotes, lists, links and emphasis nested deeper than this are refused (Markdig's own limit is 128).</summary>
    public const int MaxNesting = 32;

    /// <summary>
    /// Markdig's block parser takes time quadratic in the number of blocks in some places (setext headings, link
    /// definitions in one paragraph); this many lines keeps that under a few milliseconds.
    /// </summary>
    public const int MaxLines = 5_000;

    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder { MaximumNestingDepth = MaxNesting }
        .DisableHtml()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UseListExtras()
        .UseFootnotes()
        .UseFigures()
        .Use<MarkdownWorkLimit>()
        .Build();

    private readonly HtmlSanitizer _sanitizer = CreateSanitizer();

    /// <summary>Renders <paramref name="markdown"/>, parsing it once for both the HTML and the plain text.</summary>
    /// <param name="field">The form field the text came from, which names a refusal.</param>
    /// <exception cref="ValidationException">
    /// The text is longer than <paramref name="maxLength"/>, has too many lines, nests too deeply or has too much formatting in one place.
    /// </exception>
    public RenderedMarkdown Render(string? markdown, int maxLength, string field)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return new RenderedMarkdown("", "", 0);
        }

        if (markdown.Length > maxLength)
        {
            throw ValidationException.For(field, string.Create(CultureInfo.InvariantCulture, $"This is {markdown.Length:N0} characters long; the limit is {maxLength:N0}."));
        }

        var lines = CountLines(markdown);
        if (lines > MaxLines)
        {
            throw ValidationException.For(field, string.Create(CultureInfo.InvariantCulture, $"This has {lines:N0} lines; the limit is {MaxLines:N0}. Join some of them."));
        }

        try
        {
            var document = Markdown.Parse(markdown, _pipeline);
            DemoteTopLevelHeadings(document);
            var html = Sanitize(AlignmentClasses(Write(document, plain: false)));
            var plain = Write(document, plain: true).Trim();
            return new RenderedMarkdown(html, plain, CountWords(plain));
        }
        catch (MarkdownRefusedException refused)
        {
            throw ValidationException.For(field, refused.Message);
        }
        catch (ArgumentException deep) when (deep.Message.Contains("too deeply nested", StringComparison.Ordinal))
        {
            throw ValidationException.For(field, $"Quotes, lists, links or emphasis are nested more than {MaxNesting} levels deep; take some levels out.");
        }
    }

    public string Sanitize(string html) => SanitizedHtml.Sanitize(_sanitizer, html);

    /// <summary>Lines as Markdig counts them: a line ends at \n, \r\n or a lone \r.</summary>
    private static int CountLines(string text)
    {
        var lines = 1;
        for (var at = 0; at < text.Length; at++)
        {
            if (text[at] == '\n' || (text[at] == '\r' && (at + 1 == text.Length || text[at + 1] != '\n')))
            {
                lines++;
            }
        }

        return lines;
    }

    private string Write(MarkdownDocument document, bool plain)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        var renderer = new HtmlRenderer(writer) { EnableHtmlForBlock = !plain, EnableHtmlForInline = !plain, EnableHtmlEscape = !plain };
        _pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    /// <summary>
    /// Markdig aligns table columns with a style attribute in every cell. A class says the same without an inline
    /// style, and spares the sanitizer parsing CSS once per cell, its slowest step. Text is always escaped, so only
    /// the table renderer can have written these attributes.
    /// </summary>
    private static string AlignmentClasses(string html) => !html.Contains(" style=\"text-align: ", StringComparison.Ordinal)
        ? html
        : html.Replace(" style=\"text-align: left;\"", " class=\"align-left\"", StringComparison.Ordinal)
            .Replace(" style=\"text-align: center;\"", " class=\"align-center\"", StringComparison.Ordinal)
            .Replace(" style=\"text-align: right;\"", " class=\"align-right\"", StringComparison.Ordinal);

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
                "href", "src", "alt", "title", "id", "class", "start", "colspan", "rowspan",
            },
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "src" },
        };
        return new HtmlSanitizer(options);
    }
}

/// <param name="Html">Sanitized HTML.</param>
/// <param name="PlainText">The text alone, for search, descriptions and word counts.</param>
public sealed record RenderedMarkdown(string Html, string PlainText, int WordCount);
