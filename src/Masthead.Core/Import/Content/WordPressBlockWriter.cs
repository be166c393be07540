using System.Text.Json;
using AngleSharp.Dom;

namespace Masthead.Core.Import.Content;

/// <summary>
/// One WordPress block (a <c>&lt;wp-block&gt;</c> element) as Markdown: core blocks that Markdown has are converted,
/// layout blocks give their contents, blocks the old site built when a page was shown (latest posts, archives,
/// search...) have no content to import and are counted as such, and anything else is kept as sanitized HTML. Every
/// block is counted in the report, nested ones too.
/// </summary>
internal sealed class WordPressBlockWriter(MarkdownFromHtml writer, ContentConversion conversion)
{
    /// <summary>Blocks whose HTML is what Markdown has: the element conversion handles them.</summary>
    private static readonly HashSet<string> Plain =
    [
        "core/paragraph", "core/heading", "core/list", "core/list-item", "core/quote", "core/table", "core/separator", "core/code",
        "core/preformatted", "core/image", "core/verse", "core/freeform", "core/shortcode", "core/missing", "core/file", "core/footnotes",
    ];

    /// <summary>Layout blocks: their contents are kept, their arrangement is the reader site's to decide.</summary>
    private static readonly HashSet<string> Layout =
    [
        "core/group", "core/columns", "core/column", "core/cover", "core/media-text", "core/buttons", "core/button", "core/row",
        "core/stack", "core/details", "core/text-columns",
    ];

    /// <summary>Blocks that only space or split a page.</summary>
    private static readonly HashSet<string> Spacing = ["core/spacer", "core/more", "core/nextpage"];

    public void Write(IElement block, MarkdownOutput output)
    {
        var name = block.GetAttribute("name") ?? "core/unknown";
        if (Plain.Contains(name) || Layout.Contains(name))
        {
            conversion.Converted(name);
            WriteContents(block, output);
            return;
        }

        if (Spacing.Contains(name))
        {
            conversion.Skipped(name);
            return;
        }

        if ((name is "core/embed" or "core/video-embed" || name.StartsWith("core-embed/", StringComparison.Ordinal)) && EmbedUrl(block) is { } url)
        {
            conversion.Converted(name);
            var title = block.QuerySelector("figcaption") is { } figcaption ? writer.InlineOf(figcaption).Trim() : "";
            output.Block(title.Length > 0 ? $"[{title}]({url})" : url);
            return;
        }

        switch (name)
        {
            case "core/pullquote":
                conversion.Converted(name);
                if (block.QuerySelector("blockquote") is { } quote)
                {
                    writer.WritePullQuote(quote, output);
                }

                return;
            case "core/gallery":
                conversion.Converted(name);
                CountInner(block, BlockOutcome.Converted);
                var caption = block.QuerySelectorAll("figcaption").LastOrDefault(f => f.ClassList.Contains("blocks-gallery-caption")
                    || f.ParentElement?.ClassList.Contains("wp-block-gallery") == true);
                writer.WriteGallery(block.QuerySelectorAll("img").ToList(), caption is null ? null : writer.InlineOf(caption).Trim(), output);
                return;
            case "core/html":
                KeepAsHtml(name, block.InnerHtml, block, output);
                return;
            case "core/audio" or "core/video" when block.QuerySelector("audio,video,source") is { } media && (media.GetAttribute("src") is { Length: > 0 }):
                conversion.KeptAsLink(name);
                var src = conversion.Link(media.GetAttribute("src")!);
                var label = name == "core/audio" ? "Listen" : "Watch";
                var text = block.QuerySelector("figcaption") is { } figure ? writer.InlineOf(figure).Trim() : Path.GetFileName(src);
                output.Block($"[{label}: {text}]({src})");
                return;
        }

        if (block.TextContent.Trim().Length == 0 && block.QuerySelector("img,iframe,video,audio") is null)
        {
            conversion.Dropped(name, "the old site built it when the page was shown; it holds no content");
            CountInner(block, BlockOutcome.Dropped);
            return;
        }

        KeepAsHtml(name, block.InnerHtml, block, output);
    }

    private void WriteContents(IElement block, MarkdownOutput output)
    {
        var inner = new MarkdownOutput();
        var holder = block.Owner!.CreateElement("div");
        foreach (var child in block.ChildNodes.ToList())
        {
            holder.AppendChild(child);
        }

        // The element writer treats the block's children as it would a <div>'s.
        writer.WriteBlocksOf(holder, inner);
        output.Block(inner.ToString());
    }

    private void KeepAsHtml(string name, string html, IElement block, MarkdownOutput output)
    {
        CountInner(block, BlockOutcome.KeptAsHtml);
        var clean = HtmlKeeper.Sanitize(html);
        conversion.KeptAsHtml(name);
        if (clean.Length > 0)
        {
            output.Block("::: html\n" + clean + "\n:::");
        }
    }

    /// <summary>Counts the blocks inside one handled whole, so that every block in the file is in the report.</summary>
    private void CountInner(IElement block, BlockOutcome outcome)
    {
        foreach (var inner in block.QuerySelectorAll("wp-block"))
        {
            conversion.Counted(inner.GetAttribute("name") ?? "core/unknown", outcome);
        }
    }

    private static string? EmbedUrl(IElement block)
    {
        var attributes = block.GetAttribute("data-attrs");
        if (!string.IsNullOrWhiteSpace(attributes))
        {
            try
            {
                using var json = JsonDocument.Parse(attributes);
                if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("url", out var url)
                    && url.GetString() is { Length: > 0 } value && Uri.TryCreate(value, UriKind.Absolute, out _))
                {
                    return value;
                }
            }
            catch (JsonException)
            {
                // the address in the block's text is used instead
            }
        }

        return MarkdownFromHtml.FirstAddress(block.QuerySelector(".wp-block-embed__wrapper")?.TextContent ?? block.TextContent);
    }
}
