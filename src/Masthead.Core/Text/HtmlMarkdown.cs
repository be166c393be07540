using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Masthead.Core.Text;

/// <summary>
/// HTML as Masthead's Markdown, for writers that send HTML (Ghost's Admin API with source=html): paragraphs, headings,
/// emphasis, links, images with captions, lists, quotes, code, rules and line breaks. What has no Markdown form keeps
/// its text; the body is rendered and sanitized from the Markdown as any other, so nothing here is trusted.
/// </summary>
public static class HtmlMarkdown
{
    public static string Convert(string html)
    {
        var document = new HtmlParser().ParseDocument("<body>" + html + "</body>");
        var output = new StringBuilder();
        Blocks(document.Body!, output, "");
        return output.ToString().Trim() + "\n";
    }

    private static void Blocks(INode parent, StringBuilder output, string prefix)
    {
        var inline = new StringBuilder();
        foreach (var node in parent.ChildNodes)
        {
            if (node is IElement element && IsBlock(element))
            {
                Flush(inline, output, prefix);
                Block(element, output, prefix);
            }
            else
            {
                Inline(node, inline);
            }
        }

        Flush(inline, output, prefix);
    }

    private static void Block(IElement element, StringBuilder output, string prefix)
    {
        switch (element.LocalName)
        {
            case "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                Paragraph(output, prefix, new string('#', element.LocalName[1] - '0') + " " + InlineText(element));
                break;
            case "p":
                Paragraph(output, prefix, InlineText(element));
                break;
            case "blockquote":
                Blocks(element, output, prefix + "> ");
                break;
            case "ul" or "ol":
                var number = 1;
                foreach (var item in element.Children.Where(c => c.LocalName == "li"))
                {
                    var marker = element.LocalName == "ul" ? "- " : $"{number++}. ";
                    output.Append(prefix).Append(marker).Append(InlineText(item)).Append('\n');
                }

                output.Append(prefix.TrimEnd()).Append('\n');
                break;
            case "pre":
                var code = element.TextContent.TrimEnd('\n');
                var fence = code.Contains("```", StringComparison.Ordinal) ? "~~~~" : "```";
                Paragraph(output, prefix, fence + "\n" + code + "\n" + fence);
                break;
            case "hr":
                Paragraph(output, prefix, "---");
                break;
            case "figure":
                var image = element.QuerySelector("img");
                var caption = element.QuerySelector("figcaption")?.TextContent.Trim();
                if (image is not null)
                {
                    Paragraph(output, prefix, Image(image, caption));
                }
                else
                {
                    Blocks(element, output, prefix);
                }

                break;
            default:
                Blocks(element, output, prefix);
                break;
        }
    }

    private static string InlineText(INode parent)
    {
        var text = new StringBuilder();
        foreach (var node in parent.ChildNodes)
        {
            Inline(node, text);
        }

        return text.ToString().Trim();
    }

    private static void Inline(INode node, StringBuilder text)
    {
        switch (node)
        {
            case IText t:
                text.Append(Escape(Collapse(t.Data)));
                break;
            case IElement { LocalName: "strong" or "b" } e:
                Wrap(text, "**", InlineText(e));
                break;
            case IElement { LocalName: "em" or "i" } e:
                Wrap(text, "*", InlineText(e));
                break;
            case IElement { LocalName: "code" } e:
                text.Append('`').Append(e.TextContent).Append('`');
                break;
            case IElement { LocalName: "br" }:
                text.Append("\\\n");
                break;
            case IElement { LocalName: "a" } e when e.GetAttribute("href") is { Length: > 0 } href:
                text.Append('[').Append(InlineText(e)).Append("](").Append(href.Replace(")", "%29", StringComparison.Ordinal)).Append(')');
                break;
            case IElement { LocalName: "img" } e:
                text.Append(Image(e, null));
                break;
            case IElement e:
                foreach (var child in e.ChildNodes)
                {
                    Inline(child, text);
                }

                break;
        }
    }

    private static string Image(IElement image, string? caption)
    {
        var alt = Escape(image.GetAttribute("alt") ?? "");
        var source = (image.GetAttribute("src") ?? "").Replace(")", "%29", StringComparison.Ordinal);
        return string.IsNullOrEmpty(caption) ? $"![{alt}]({source})" : $"![{alt}]({source} \"{caption.Replace("\"", "'", StringComparison.Ordinal)}\")";
    }

    private static bool IsBlock(IElement element) => element.LocalName is "p" or "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "blockquote" or "ul" or "ol"
        or "pre" or "hr" or "figure" or "div" or "section" or "article" or "header" or "footer" or "table";

    private static void Flush(StringBuilder inline, StringBuilder output, string prefix)
    {
        var text = inline.ToString().Trim();
        inline.Clear();
        if (text.Length > 0)
        {
            Paragraph(output, prefix, text);
        }
    }

    private static void Paragraph(StringBuilder output, string prefix, string text)
    {
        foreach (var line in text.Split('\n'))
        {
            output.Append(prefix).Append(line).Append('\n');
        }

        output.Append(prefix.TrimEnd()).Append('\n');
    }

    private static void Wrap(StringBuilder text, string mark, string inner)
    {
        if (inner.Length > 0)
        {
            text.Append(mark).Append(inner).Append(mark);
        }
    }

    private static string Collapse(string text) =>
        string.Join(' ', text.Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.None)).Replace("  ", " ", StringComparison.Ordinal);

    /// <summary>Markdown's own characters in text are escaped, so "*" typed in a sentence stays a star.</summary>
    private static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\\' or '*' or '_' or '`' or '[' or ']' or '<' or '#')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }
}
