using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Masthead.Core.Text.Blocks;

/// <summary>An embed from a provider: a link alone on its line to one of <see cref="EmbedProviders"/>' pages.</summary>
internal sealed class EmbedBlock(Embed embed, string? title) : LeafBlock(null)
{
    public Embed Embed { get; } = embed;
    public string? Title { get; } = title;
}

/// <summary>A link alone on its line to another of our articles (<c>article-card</c>) or a PDF in the media library (<c>document-card</c>).</summary>
internal sealed class CardBlock(string kind, string href, string text) : LeafBlock(null)
{
    public string Kind { get; } = kind;
    public string Href { get; } = href;
    public string Text { get; } = text;
}

/// <summary>An editor's HTML block, already sanitized, with its frames made into click-to-load embeds.</summary>
internal sealed class HtmlBlock(string html, string text) : LeafBlock(null)
{
    public string Html { get; } = html;
    public string Text { get; } = text;
}

/// <summary>The "— who said it" line that ends a pull quote.</summary>
internal sealed class AttributionBlock : LeafBlock
{
    public AttributionBlock(ContainerInline inline)
        : base(null)
    {
        Inline = inline;
        ProcessInlines = false;
    }
}

/// <summary>A gallery's images, gathered from the lines of a <c>::: gallery</c> block.</summary>
internal sealed class GalleryBlock(IReadOnlyList<(string Src, string Alt)> images, string caption) : LeafBlock(null)
{
    public IReadOnlyList<(string Src, string Alt)> Images { get; } = images;
    public string Caption { get; } = caption;
}

/// <summary>Reads the inlines of a paragraph for the block rules.</summary>
internal static class InlineText
{
    /// <summary>The only link of a paragraph that holds nothing else but spaces, else null.</summary>
    public static (string Url, string? Title)? LoneLink(ParagraphBlock paragraph)
    {
        if (paragraph.Inline is not { } inline)
        {
            return null;
        }

        // A path on this site typed alone (/2026/02/03/a-slug, /media/...), which Markdown leaves as text.
        if (inline.All(c => c is LiteralInline) && Of(inline) is ['/', not '/', ..] path && !path.Any(char.IsWhiteSpace))
        {
            return (path, null);
        }

        (string Url, string? Title)? found = null;
        foreach (var child in inline)
        {
            switch (child)
            {
                case LiteralInline literal when literal.Content.IsEmptyOrWhitespace():
                case LineBreakInline when found is null:
                    break;
                case LinkInline { IsImage: false, Url: { } url } link when found is null:
                    var text = Of(link);
                    found = (url, text.Length == 0 || text == url || link.IsAutoLink ? null : text);
                    break;
                case AutolinkInline { IsEmail: false } auto when found is null:
                    found = (auto.Url, null);
                    break;
                default:
                    return null;
            }
        }

        return found;
    }

    /// <summary>The text of an inline and everything in it, without formatting.</summary>
    public static string Of(Inline inline)
    {
        var text = new System.Text.StringBuilder();
        Append(inline, text);
        return text.ToString().Trim();
    }

    private static void Append(Inline inline, System.Text.StringBuilder text)
    {
        switch (inline)
        {
            case LiteralInline literal:
                text.Append(literal.Content.ToString());
                break;
            case CodeInline code:
                text.Append(code.Content);
                break;
            case LineBreakInline:
                text.Append(' ');
                break;
            case ContainerInline container:
                foreach (var child in container)
                {
                    Append(child, text);
                }

                break;
        }
    }

    public static bool IsEmptyOrWhitespace(this StringSlice slice)
    {
        for (var at = slice.Start; at <= slice.End; at++)
        {
            if (!char.IsWhiteSpace(slice.Text[at]))
            {
                return false;
            }
        }

        return true;
    }
}
