using System.Text;
using AngleSharp;
using AngleSharp.Dom;
using Ganss.Xss;

namespace Masthead.Core.Text;

/// <summary>
/// Writes out what the sanitizer kept. AngleSharp's own serializer asks each node for its next sibling, which it
/// finds by searching the parent's children from the start: quadratic in the number of siblings, seconds for a long
/// list. This walks the children by index and writes each node with the sanitizer's own formatter, so the output is
/// the same.
/// </summary>
internal static class SanitizedHtml
{
    public static string Sanitize(HtmlSanitizer sanitizer, string html)
    {
        using var document = sanitizer.SanitizeDom(html);
        var output = new StringBuilder(html.Length);
        if (document.Body is { } body)
        {
            WriteChildren(body, output, sanitizer.OutputFormatter);
        }

        return output.ToString();
    }

    private static void WriteChildren(INode parent, StringBuilder output, IMarkupFormatter formatter)
    {
        var children = parent.ChildNodes;
        for (var i = 0; i < children.Length; i++)
        {
            Write(children[i], output, formatter);
        }
    }

    private static void Write(INode node, StringBuilder output, IMarkupFormatter formatter)
    {
        switch (node)
        {
            case IElement element:
                var selfClosing = element.Flags.HasFlag(NodeFlags.SelfClosing);
                output.Append(formatter.OpenTag(element, selfClosing));
                if (!selfClosing && element.Flags.HasFlag(NodeFlags.LineTolerance) && element.FirstChild is IText { Data: var text } && text.Contains('\n'))
                {
                    output.Append('\n');
                }

                WriteChildren(element, output, formatter);
                output.Append(formatter.CloseTag(element, selfClosing));
                break;
            case IComment comment:
                output.Append(formatter.Comment(comment));
                break;
            case ICharacterData data:
                output.Append(data.Parent is { } parent && parent.Flags.HasFlag(NodeFlags.LiteralText) ? formatter.LiteralText(data) : formatter.Text(data));
                break;
        }
    }
}
