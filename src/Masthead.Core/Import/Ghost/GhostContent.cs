using System.Net;
using System.Text;
using System.Text.Json;

namespace Masthead.Core.Import.Ghost;

/// <summary>
/// A Ghost post's <c>lexical</c> (Ghost 5 and 6) or <c>mobiledoc</c> (Ghost 4) as the HTML Ghost would render, for
/// an export without <c>html</c>. Cards Masthead has (images, galleries, embeds, bookmarks, code, HTML, Markdown,
/// buttons, callouts) are written as their HTML; the rest (members' sign-up forms, products, paywalls) are counted in
/// the report and left out.
/// </summary>
internal static class GhostContent
{
    public static string ToHtml(GhostPost post, ImportReport report, string item)
    {
        var html = new StringBuilder();
        try
        {
            if (post.Lexical is { Length: > 0 } lexical)
            {
                using var json = JsonDocument.Parse(lexical, new JsonDocumentOptions { MaxDepth = 128 });
                if (json.RootElement.TryGetProperty("root", out var root))
                {
                    Lexical(root, html, report, item);
                }
            }
            else if (post.Mobiledoc is { Length: > 0 } mobiledoc)
            {
                using var json = JsonDocument.Parse(mobiledoc, new JsonDocumentOptions { MaxDepth = 64 });
                Mobiledoc(json.RootElement, html, report, item);
            }
        }
        catch (Exception problem) when (problem is JsonException or InvalidOperationException or KeyNotFoundException or IndexOutOfRangeException)
        {
            report.Add(report.Problems, new ImportNote(item, $"its content could not be read ({problem.Message}); what was read is kept"));
        }

        return html.ToString();
    }

    private static void Lexical(JsonElement node, StringBuilder html, ImportReport report, string item)
    {
        var type = Text(node, "type");
        switch (type)
        {
            case "root" or "":
                Children(node, html, report, item);
                break;
            case "paragraph":
                Wrap("p", node, html, report, item);
                break;
            case "heading" or "extended-heading":
                Wrap(Text(node, "tag") is { Length: 2 } tag && tag[0] == 'h' ? tag : "h2", node, html, report, item);
                break;
            case "quote" or "extended-quote":
                Wrap("blockquote", node, html, report, item);
                break;
            case "aside":
                html.Append("<blockquote class=\"kg-blockquote-alt\">");
                Children(node, html, report, item);
                html.Append("</blockquote>");
                break;
            case "list":
                Wrap(Text(node, "listType") == "number" ? "ol" : "ul", node, html, report, item);
                break;
            case "listitem":
                Wrap("li", node, html, report, item);
                break;
            case "link" or "autolink":
                html.Append($"<a href=\"{Encode(Text(node, "url"))}\">");
                Children(node, html, report, item);
                html.Append("</a>");
                break;
            case "text" or "extended-text":
                FormattedText(Text(node, "text"), node.TryGetProperty("format", out var format) && format.TryGetInt32(out var bits) ? bits : 0, html);
                break;
            case "linebreak":
                html.Append("<br>");
                break;
            case "tab":
                html.Append(' ');
                break;
            default:
                Card(type, node, html, report, item);
                break;
        }
    }

    private static void Card(string type, JsonElement card, StringBuilder html, ImportReport report, string item)
    {
        switch (type)
        {
            case "horizontalrule" or "hr":
                html.Append("<hr>");
                break;
            case "image":
                html.Append($"<figure><img src=\"{Encode(Text(card, "src"))}\" alt=\"{Encode(Text(card, "alt"))}\"><figcaption>{Text(card, "caption")}</figcaption></figure>");
                break;
            case "gallery":
                html.Append("<figure class=\"kg-gallery-card\">");
                if (card.TryGetProperty("images", out var images) && images.ValueKind == JsonValueKind.Array)
                {
                    foreach (var image in images.EnumerateArray())
                    {
                        html.Append($"<img src=\"{Encode(Text(image, "src"))}\" alt=\"{Encode(Text(image, "alt"))}\">");
                    }
                }

                html.Append($"<figcaption>{Text(card, "caption")}</figcaption></figure>");
                break;
            case "embed":
                html.Append($"<figure>{Encode(Text(card, "url"))}<figcaption>{Text(card, "caption")}</figcaption></figure>");
                break;
            case "bookmark":
                var title = card.TryGetProperty("metadata", out var metadata) ? Text(metadata, "title") : "";
                html.Append($"<p><a href=\"{Encode(Text(card, "url"))}\">{Encode(title.Length > 0 ? title : Text(card, "url"))}</a></p>");
                break;
            case "codeblock" or "code":
                html.Append($"<pre><code class=\"language-{Encode(Text(card, "language"))}\">{Encode(Text(card, "code"))}</code></pre>");
                break;
            case "html":
                html.Append(Text(card, "html"));
                break;
            case "markdown":
                html.Append(Markdig.Markdown.ToHtml(Text(card, "markdown")));
                break;
            case "callout":
                html.Append($"<div>{Text(card, "calloutText")}</div>");
                break;
            case "button":
                html.Append($"<p><a href=\"{Encode(Text(card, "buttonUrl"))}\">{Encode(Text(card, "buttonText"))}</a></p>");
                break;
            case "toggle":
                html.Append($"<h4>{Text(card, "heading")}</h4><div>{Text(card, "content")}</div>");
                break;
            default:
                if (card.TryGetProperty("children", out _))
                {
                    Children(card, html, report, item);
                    break;
                }

                report.Block($"ghost/{type}", BlockOutcome.Dropped);
                report.Add(report.Unconverted, new ImportNote(item, $"ghost/{type}: a Ghost card with no equivalent here, not imported"));
                break;
        }
    }

    private static void Mobiledoc(JsonElement doc, StringBuilder html, ImportReport report, string item)
    {
        var markups = doc.TryGetProperty("markups", out var m) ? m.EnumerateArray().ToList() : [];
        var cards = doc.TryGetProperty("cards", out var c) ? c.EnumerateArray().ToList() : [];
        foreach (var section in doc.GetProperty("sections").EnumerateArray())
        {
            switch (section[0].GetInt32())
            {
                case 1:
                    var tag = section[1].GetString()!.ToLowerInvariant();
                    tag = tag is "p" or "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "blockquote" or "aside" ? tag : "p";
                    html.Append(tag == "aside" ? "<blockquote class=\"kg-blockquote-alt\">" : $"<{tag}>");
                    Markers(section[2], markups, html);
                    html.Append(tag == "aside" ? "</blockquote>" : $"</{tag}>");
                    break;
                case 3:
                    var list = section[1].GetString() == "ol" ? "ol" : "ul";
                    html.Append($"<{list}>");
                    foreach (var entry in section[2].EnumerateArray())
                    {
                        html.Append("<li>");
                        Markers(entry, markups, html);
                        html.Append("</li>");
                    }

                    html.Append($"</{list}>");
                    break;
                case 10:
                    var card = cards[section[1].GetInt32()];
                    Card(card[0].GetString() ?? "", card[1], html, report, item);
                    break;
            }
        }
    }

    private static void Markers(JsonElement markers, List<JsonElement> markups, StringBuilder html)
    {
        var open = new Stack<string>();
        foreach (var marker in markers.EnumerateArray())
        {
            foreach (var index in marker[1].EnumerateArray())
            {
                var markup = markups[index.GetInt32()];
                var tag = markup[0].GetString()!.ToLowerInvariant();
                var href = markup.GetArrayLength() > 1 && markup[1].GetArrayLength() >= 2 && markup[1][0].GetString() == "href" ? markup[1][1].GetString() : null;
                html.Append(href is null ? $"<{tag}>" : $"<a href=\"{Encode(href)}\">");
                open.Push(tag);
            }

            html.Append(marker[0].GetInt32() == 0 ? Encode(marker[3].GetString()) : "");
            for (var close = marker[2].GetInt32(); close > 0 && open.Count > 0; close--)
            {
                html.Append($"</{open.Pop()}>");
            }
        }

        while (open.Count > 0)
        {
            html.Append($"</{open.Pop()}>");
        }
    }

    private static void Wrap(string tag, JsonElement node, StringBuilder html, ImportReport report, string item)
    {
        html.Append('<').Append(tag).Append('>');
        Children(node, html, report, item);
        html.Append("</").Append(tag).Append('>');
    }

    private static void Children(JsonElement node, StringBuilder html, ImportReport report, string item)
    {
        if (node.TryGetProperty("children", out var children) && children.ValueKind == JsonValueKind.Array)
        {
            foreach (var child in children.EnumerateArray())
            {
                Lexical(child, html, report, item);
            }
        }
    }

    private static void FormattedText(string text, int format, StringBuilder html)
    {
        (int Bit, string Tag)[] marks = [(1, "strong"), (2, "em"), (4, "s"), (16, "code"), (32, "sub"), (64, "sup"), (128, "mark")];
        foreach (var (bit, tag) in marks.Where(m => (format & m.Bit) != 0))
        {
            html.Append('<').Append(tag).Append('>');
        }

        html.Append(Encode(text));
        foreach (var (bit, tag) in marks.Reverse().Where(m => (format & m.Bit) != 0))
        {
            html.Append("</").Append(tag).Append('>');
        }
    }

    private static string Text(JsonElement node, string name) =>
        node.ValueKind == JsonValueKind.Object && node.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";

    private static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");
}
