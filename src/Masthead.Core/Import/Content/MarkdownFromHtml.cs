using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Masthead.Core.Import.Content;

/// <summary>
/// Writes the HTML of an imported post as Masthead's Markdown and blocks: paragraphs, headings, lists, quotes,
/// tables, code, images (with <c>^^^</c> captions), galleries, pull quotes and embeds. An element with no Markdown
/// equivalent (a video, a form, a table with merged cells) is kept as a sanitized <c>::: html</c> block and told to
/// <see cref="ContentConversion"/>, which the report lists. WordPress's block comments arrive here as
/// <c>&lt;wp-block&gt;</c> elements (see <see cref="WordPressBlocks"/>) and are handled by their block's name.
/// </summary>
internal sealed class MarkdownFromHtml(ContentConversion conversion)
{
    private static readonly HtmlParser Parser = new(new HtmlParserOptions { IsKeepingSourceReferences = false });
    private bool _otherMarkers = true;

    public string Convert(string html)
    {
        using var document = Parser.ParseDocument("<!doctype html><html><body>" + html + "</body></html>");
        var output = new MarkdownOutput();
        WriteBlocks(document.Body!, output);
        return output.ToString();
    }

    internal void WriteBlocksOf(INode parent, MarkdownOutput output) => WriteBlocks(parent, output);

    private void WriteBlocks(INode parent, MarkdownOutput output)
    {
        var inline = new StringBuilder();
        foreach (var node in parent.ChildNodes)
        {
            if (node is IElement element && IsBlock(element))
            {
                FlushParagraph(inline, output);
                WriteBlock(element, output);
            }
            else
            {
                WriteInline(node, inline);
            }
        }

        FlushParagraph(inline, output);
    }

    private static void FlushParagraph(StringBuilder inline, MarkdownOutput output)
    {
        var text = inline.ToString().Trim();
        inline.Clear();
        if (text.Length > 0)
        {
            output.Block(EscapeLineStarts(text));
        }
    }

    private void WriteBlock(IElement element, MarkdownOutput output)
    {
        switch (element.LocalName)
        {
            case "wp-block":
                new WordPressBlockWriter(this, conversion).Write(element, output);
                break;
            case "p":
                var paragraph = InlineOf(element).Trim();
                if (paragraph.Length > 0)
                {
                    output.Block(EscapeLineStarts(paragraph));
                }

                break;
            case "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                var level = Math.Max(2, element.LocalName[1] - '0');
                output.Block(new string('#', level) + " " + InlineOf(element).Replace("\n", " ", StringComparison.Ordinal).Trim());
                break;
            case "ul" or "ol":
                output.Block(ListOf(element, 0));
                break;
            case "blockquote" when IsPullQuote(element):
                WritePullQuote(element, output);
                break;
            case "blockquote":
                var quoted = new MarkdownOutput();
                WriteBlocks(element, quoted);
                output.Block(MarkdownOutput.Prefix(quoted.ToString(), "> "));
                break;
            case "hr":
                output.Block("---");
                break;
            case "pre" when element.ClassList.Contains("wp-block-verse"):
                output.Block(Convert("<p>" + element.InnerHtml.Trim('\n').Replace("\n", "<br>", StringComparison.Ordinal) + "</p>"));
                break;
            case "pre":
                WriteCode(element, output);
                break;
            case "table":
                if (PipeTable.TryWrite(element, this) is { } table)
                {
                    output.Block(table);
                }
                else
                {
                    KeepAsHtml(element, output, "table with merged cells or blocks in its cells");
                }

                break;
            case "figure":
                WriteFigure(element, output);
                break;
            case "img":
                WriteImage(element, null, output);
                break;
            case "iframe":
                WriteFrame(element, output);
                break;
            case "div" when CalloutKind(element) is { } kind:
                WriteCallout(element, kind, output);
                break;
            case "div" or "section" or "article" or "header" or "footer" or "main" or "aside" or "center":
                WriteBlocks(element, output);
                break;
            case "details":
                // A disclosure: its summary as a bold line, then what it hides, always shown.
                if (element.QuerySelector("summary") is { } summary)
                {
                    output.Block("**" + InlineOf(summary).Trim() + "**");
                    summary.Remove();
                }

                WriteBlocks(element, output);
                break;
            case "script" or "style" or "noscript" or "template" or "link" or "meta":
                conversion.Dropped($"<{element.LocalName}>", "never imported");
                break;
            default:
                KeepAsHtml(element, output, $"<{element.LocalName}>");
                break;
        }
    }

    internal void WriteFigure(IElement figure, MarkdownOutput output)
    {
        var caption = figure.QuerySelector("figcaption") is { } figcaption ? InlineOf(figcaption).Trim() : null;
        if (figure.QuerySelector("blockquote") is { } quote && (IsPullQuote(quote) || figure.ClassList.Contains("wp-block-pullquote")))
        {
            WritePullQuote(quote, output);
            return;
        }

        if (figure.ClassList.Contains("pull-quote") && figure.QuerySelector("blockquote") is { } pulled)
        {
            WritePullQuote(pulled, output, caption); // as Masthead renders its own, its attribution the figure's caption
            return;
        }

        if (figure.ClassList.Contains("embed") && figure.QuerySelector("a.embed-load[href]") is { } embed)
        {
            var link = conversion.Link(embed.GetAttribute("href")!);
            var named = figure.QuerySelector(".embed-title")?.TextContent.Trim() ?? "";
            output.Block(named.Length > 0 ? $"[{EscapeText(named)}]({Destination(link)})" : link); // Masthead's own embed: the line it is written as
            return;
        }

        if (figure.ClassList.Contains("kg-bookmark-card") && figure.QuerySelector("a[href]") is { } bookmark)
        {
            var title = figure.QuerySelector(".kg-bookmark-title")?.TextContent.Trim() ?? "";
            var href = conversion.Link(bookmark.GetAttribute("href")!);
            output.Block($"[{EscapeText(title.Length > 0 ? title : href)}]({Destination(href)})"); // Ghost's link preview: the link
            return;
        }

        var images = figure.QuerySelectorAll("img").ToList();
        if (images.Count > 1)
        {
            WriteGallery(images, caption, output);
            return;
        }

        if (images.Count == 1)
        {
            WriteImage(images[0], caption, output);
            return;
        }

        if (figure.QuerySelector("table") is { } table)
        {
            WriteBlock(table, output);
            if (!string.IsNullOrEmpty(caption))
            {
                output.Block(caption);
            }

            return;
        }

        if (figure.QuerySelector("iframe") is { } frame)
        {
            WriteFrame(frame, output);
            return;
        }

        if (FirstAddress(figure.TextContent) is { } address)
        {
            output.Block(address);
            return;
        }

        KeepAsHtml(figure, output, "<figure>");
    }

    internal void WriteImage(IElement image, string? caption, MarkdownOutput output)
    {
        var src = image.GetAttribute("src");
        if (string.IsNullOrWhiteSpace(src))
        {
            conversion.Dropped("<img>", "an image without an address");
            return;
        }

        var alt = EscapeText(image.GetAttribute("alt") ?? "").Replace('\n', ' ');
        var markdown = $"![{alt}]({Destination(conversion.Image(src))})";
        output.Block(string.IsNullOrWhiteSpace(caption) ? markdown : $"^^^\n{markdown}\n^^^ {caption.Replace('\n', ' ')}");
    }

    internal void WriteGallery(IReadOnlyList<IElement> images, string? caption, MarkdownOutput output)
    {
        var lines = new StringBuilder("::: gallery");
        if (!string.IsNullOrWhiteSpace(caption))
        {
            lines.Append(' ').Append(caption.Replace('\n', ' '));
        }

        foreach (var image in images)
        {
            if (image.GetAttribute("src") is { Length: > 0 } src)
            {
                lines.Append('\n').Append($"![{EscapeText(image.GetAttribute("alt") ?? "").Replace('\n', ' ')}]({Destination(conversion.Image(src))})");
            }
        }

        output.Block(lines.Append("\n:::").ToString());
    }

    /// <summary>The kind of a callout as Masthead renders it (in a Ghost-format export Masthead wrote), or null.</summary>
    private static string? CalloutKind(IElement element) =>
        element.ClassList.Contains("callout") && element.FirstElementChild is { LocalName: "p" } title && title.ClassList.Contains("callout-title")
            ? Text.Blocks.BodyBlocks.Callouts.FirstOrDefault(kind => element.ClassList.Contains("callout-" + kind))
            : null;

    /// <summary>The callout block again, its kind label left out of the title the block's own rendering adds it to.</summary>
    private void WriteCallout(IElement callout, string kind, MarkdownOutput output)
    {
        var title = callout.FirstElementChild!;
        title.QuerySelector("span.callout-kind")?.Remove();
        var heading = title.TextContent.Trim().TrimStart(':').Trim().Replace('\n', ' ');
        title.Remove();
        var body = new MarkdownOutput();
        WriteBlocks(callout, body);
        output.Block($"::: {kind}{(heading.Length > 0 ? " " + heading : "")}\n{body.ToString().Trim()}\n:::");
    }

    internal void WritePullQuote(IElement quote, MarkdownOutput output, string? attribution = null)
    {
        var cite = quote.QuerySelector("cite");
        var citation = cite is null ? attribution ?? "" : InlineOf(cite).Trim();
        cite?.Remove();
        var words = new MarkdownOutput();
        WriteBlocks(quote, words);
        var text = new StringBuilder("::: pullquote\n").Append(words.ToString().Trim());
        if (citation.Length > 0)
        {
            text.Append("\n\n— ").Append(citation);
        }

        output.Block(text.Append("\n:::").ToString());
    }

    private void WriteFrame(IElement frame, MarkdownOutput output)
    {
        if (frame.GetAttribute("src") is { } src && EmbedAddresses.FromFrame(src) is { } address)
        {
            output.Block(address);
            return;
        }

        KeepAsHtml(frame, output, "<iframe>");
    }

    private void WriteCode(IElement pre, MarkdownOutput output)
    {
        var code = pre.QuerySelector("code") ?? pre;
        var language = code.ClassList.Concat(pre.ClassList).Select(c => c.StartsWith("language-", StringComparison.Ordinal) ? c[9..] : null)
            .FirstOrDefault(c => c is { Length: > 0 } && c.All(char.IsAsciiLetterOrDigit)) ?? "";
        var text = code.TextContent.TrimEnd('\n', '\r');
        var fence = text.Contains("```", StringComparison.Ordinal) ? "~~~~" : "```";
        output.Block($"{fence}{language}\n{text}\n{fence}");
    }

    /// <summary>Keeps <paramref name="element"/> as a sanitized HTML block, and tells the report what it was.</summary>
    internal void KeepAsHtml(IElement element, MarkdownOutput output, string what)
    {
        var html = HtmlKeeper.Sanitize(element.OuterHtml);
        conversion.KeptAsHtml(what);
        foreach (var block in element.QuerySelectorAll("wp-block"))
        {
            conversion.Counted(block.GetAttribute("name") ?? "core/unknown", BlockOutcome.KeptAsHtml); // kept with it
        }

        if (html.Length > 0)
        {
            output.Block("::: html\n" + html + "\n:::");
        }
    }

    internal static bool IsBlock(IElement element) => element.LocalName is "p" or "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "ul" or "ol"
        or "blockquote" or "hr" or "pre" or "table" or "figure" or "div" or "section" or "article" or "header" or "footer" or "main" or "aside"
        or "center" or "iframe" or "video" or "audio" or "form" or "dl" or "details" or "object" or "embed" or "canvas" or "svg" or "wp-block"
        or "script" or "style" or "noscript" or "template" or "address" or "fieldset" or "picture" or "link" or "meta"
        || (element.LocalName == "img" && element.ParentElement?.LocalName is "body" or "div" or "section" or "wp-block");

    private static bool IsPullQuote(IElement quote) =>
        quote.ClassList.Contains("wp-block-pullquote") || quote.ParentElement?.ClassList.Contains("wp-block-pullquote") == true
        || quote.ClassList.Contains("kg-blockquote-alt") || quote.ClassList.Contains("pullquote");

    internal string InlineOf(INode parent)
    {
        var text = new StringBuilder();
        foreach (var child in parent.ChildNodes)
        {
            WriteInline(child, text);
        }

        return text.ToString();
    }

    private void WriteInline(INode node, StringBuilder text)
    {
        switch (node)
        {
            case IText t:
                text.Append(EscapeText(Collapse(t.Data)));
                break;
            case IElement element:
                WriteInlineElement(element, text);
                break;
        }
    }

    private void WriteInlineElement(IElement element, StringBuilder text)
    {
        switch (element.LocalName)
        {
            case "strong" or "b":
                Wrap(element, "**", text);
                break;
            case "em" or "i" or "cite":
                Wrap(element, "_", text);
                break;
            case "del" or "s" or "strike":
                Wrap(element, "~~", text);
                break;
            case "mark":
                Wrap(element, "==", text);
                break;
            case "sup":
                Wrap(element, "^", text);
                break;
            case "sub":
                Wrap(element, "~", text);
                break;
            case "code" or "kbd" or "samp" or "tt":
                var code = element.TextContent.Replace('\n', ' ');
                var ticks = code.Contains('`', StringComparison.Ordinal) ? "`` " : "`";
                text.Append(ticks).Append(code).Append(ticks.Trim() == "``" ? " ``" : "`");
                break;
            case "br":
                text.Append("\\\n");
                break;
            case "a":
                WriteLink(element, text);
                break;
            case "img":
                if (element.GetAttribute("src") is { Length: > 0 } src)
                {
                    text.Append($"![{EscapeText(element.GetAttribute("alt") ?? "").Replace('\n', ' ')}]({Destination(conversion.Image(src))})");
                }

                break;
            case "script" or "style" or "noscript" or "template":
                conversion.Dropped($"<{element.LocalName}>", "never imported");
                break;
            default:
                foreach (var child in element.ChildNodes)
                {
                    WriteInline(child, text);
                }

                break;
        }
    }

    private void WriteLink(IElement link, StringBuilder text)
    {
        var inner = InlineOf(link).Trim();
        var href = link.GetAttribute("href");
        if (link.QuerySelector("img") is not null && link.TextContent.Trim().Length == 0)
        {
            text.Append(inner); // an image linking to its own larger copy: the library makes every size
            return;
        }

        if (string.IsNullOrWhiteSpace(href) || href.StartsWith('#') || href.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase))
        {
            text.Append(inner);
            return;
        }

        text.Append('[').Append(inner.Length == 0 ? EscapeText(href) : inner).Append("](").Append(Destination(conversion.Link(href.Trim()))).Append(')');
    }

    private void Wrap(IElement element, string marker, StringBuilder text)
    {
        var inner = InlineOf(element);
        var trimmed = inner.Trim();
        if (trimmed.Length == 0)
        {
            text.Append(inner);
            return;
        }

        // Emphasis may not start or end with a space in Markdown: keep the spaces outside the markers.
        if (char.IsWhiteSpace(inner[0]))
        {
            text.Append(' ');
        }

        text.Append(marker).Append(trimmed).Append(marker);
        if (char.IsWhiteSpace(inner[^1]))
        {
            text.Append(' ');
        }
    }

    private string ListOf(IElement list, int depth)
    {
        var lines = new StringBuilder();
        var number = int.TryParse(list.GetAttribute("start"), out var start) ? start : 1;
        var ordered = list.LocalName == "ol";
        if (depth == 0)
        {
            _otherMarkers = !_otherMarkers; // two lists in a row stay two lists
        }

        var (bullet, dot) = depth == 0 && _otherMarkers ? ("* ", ") ") : ("- ", ". ");
        foreach (var item in ListItems(list))
        {
            var marker = ordered ? $"{number++}{dot}" : bullet;
            var indent = new string(' ', marker.Length);
            var body = new MarkdownOutput();
            var inline = new StringBuilder();
            foreach (var child in item.ChildNodes)
            {
                if (NestedList(child) is { } nested)
                {
                    FlushParagraph(inline, body);
                    body.Tight(ListOf(nested, depth + 1));
                }
                else if (child is IElement element && IsBlock(element))
                {
                    FlushParagraph(inline, body);
                    WriteBlock(element, body);
                }
                else
                {
                    WriteInline(child, inline);
                }
            }

            FlushParagraph(inline, body);
            var content = body.ToString().Trim();
            if (content.Length == 0)
            {
                content = "\u00a0"; // an empty item stays an item
            }

            var first = true;
            foreach (var line in content.Split('\n'))
            {
                lines.Append(first ? marker : line.Length == 0 ? "" : indent).Append(line).Append('\n');
                first = false;
            }
        }

        return lines.ToString().TrimEnd('\n');
    }

    /// <summary>A list inside a list item: a plain one, or one in a WordPress list block (counted here).</summary>
    private IElement? NestedList(INode child)
    {
        switch (child)
        {
            case IElement { LocalName: "ul" or "ol" } list:
                return list;
            case IElement { LocalName: "wp-block" } block when block.GetAttribute("name") == "core/list"
                                                             && block.Children.SingleOrDefault(c => c.LocalName is "ul" or "ol") is { } inner:
                conversion.Converted("core/list");
                return inner;
            default:
                return null;
        }
    }

    /// <summary>A list's items, including those inside WordPress's list-item blocks, each counted.</summary>
    private IEnumerable<IElement> ListItems(IElement list)
    {
        foreach (var child in list.Children)
        {
            if (child.LocalName == "li")
            {
                yield return child;
            }
            else if (child.LocalName == "wp-block")
            {
                conversion.Converted(child.GetAttribute("name") ?? "core/list-item");
                foreach (var item in child.Children.Where(c => c.LocalName == "li"))
                {
                    yield return item;
                }
            }
        }
    }

    private static string Collapse(string text)
    {
        var output = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (c is ' ' or '\n' or '\r' or '\t')
            {
                space = true;
                continue;
            }

            if (space)
            {
                output.Append(' ');
                space = false;
            }

            output.Append(c);
        }

        if (space)
        {
            output.Append(' ');
        }

        return output.ToString();
    }

    /// <summary>Text as Markdown reads it literally: the characters that would start formatting are escaped.</summary>
    internal static string EscapeText(string text)
    {
        var output = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == 'h' && (string.CompareOrdinal(text, i, "https://", 0, 8) == 0 || string.CompareOrdinal(text, i, "http://", 0, 7) == 0)
                && (i == 0 || !char.IsLetterOrDigit(text[i - 1])))
            {
                // An address stays as it is, so that it is still an address (an embed when alone on its line).
                var end = i;
                while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] is not '<' and not '>')
                {
                    end++;
                }

                output.Append(text, i, end - i);
                i = end - 1;
                continue;
            }

            if (c is '\\' or '*' or '_' or '`' or '[' or ']' or '<' or '>' or '|' or '~' or '=' or '^' or '!' && NeedsEscape(text, i))
            {
                output.Append('\\');
            }

            output.Append(c);
        }

        return output.ToString();
    }

    /// <summary>Escapes what would make a line of a paragraph a heading, a list item, a quote or a block fence.</summary>
    internal static string EscapeLineStarts(string paragraph)
    {
        var lines = paragraph.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var at = 0;
            while (at < line.Length && line[at] == ' ')
            {
                at++;
            }

            if (at == line.Length)
            {
                continue;
            }

            var digits = at;
            while (digits < line.Length && char.IsAsciiDigit(line[digits]))
            {
                digits++;
            }

            if (line[at] is '#' or '-' or '+' or ':' || (digits > at && digits < line.Length && line[digits] is '.' or ')'))
            {
                var escapeAt = digits > at ? digits : at;
                lines[i] = line[..escapeAt] + "\\" + line[escapeAt..];
            }
        }

        return string.Join('\n', lines);
    }

    private static bool NeedsEscape(string text, int at) => text[at] switch
    {
        '=' => at + 1 < text.Length && text[at + 1] == '=',
        '~' => true,
        '!' => at + 1 < text.Length && text[at + 1] == '[',
        _ => true,
    };

    private static string Destination(string url) =>
        url.Any(c => c is ' ' or '(' or ')' or '<' or '>') ? "<" + url.Replace("<", "%3C", StringComparison.Ordinal).Replace(">", "%3E", StringComparison.Ordinal) + ">" : url;

    internal static string? FirstAddress(string text)
    {
        var trimmed = text.Trim();
        return trimmed.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            ? trimmed.Split((char[])[' ', '\n', '\t'], 2)[0]
            : null;
    }
}
