using Markdig.Extensions.CustomContainers;
using Markdig.Renderers;
using Markdig.Renderers.Html;

namespace Masthead.Core.Text.Blocks;

/// <summary>
/// Writes the blocks of <see cref="BodyBlocks"/> as HTML, or as text when the renderer writes the plain text that
/// search, descriptions, word counts and the Content API's plaintext use (an embed or a card is then its address).
/// </summary>
internal static class BlockRenderers
{
    internal sealed class Embeds : HtmlObjectRenderer<EmbedBlock>
    {
        protected override void Write(HtmlRenderer renderer, EmbedBlock block)
        {
            if (renderer.EnableHtmlForBlock)
            {
                renderer.Write(EmbedHtml.Write(block.Embed, block.Title));
            }
            else
            {
                renderer.WriteLine(block.Title is null ? $"{block.Embed.Provider}: {block.Embed.Link}" : $"{block.Title} ({block.Embed.Provider}: {block.Embed.Link})");
            }
        }
    }

    /// <summary>A card is stored as its link; the reader page draws the card from the library or the article (see Site/BodyCards).</summary>
    internal sealed class Cards : HtmlObjectRenderer<CardBlock>
    {
        protected override void Write(HtmlRenderer renderer, CardBlock block)
        {
            if (!renderer.EnableHtmlForBlock)
            {
                renderer.WriteLine(block.Text == block.Href ? block.Href : $"{block.Text} ({block.Href})");
                return;
            }

            renderer.Write("<p class=\"").Write(block.Kind).Write("\"><a href=\"").WriteEscapeUrl(block.Href).Write("\">")
                .WriteEscape(block.Text).WriteLine("</a></p>");
        }
    }

    internal sealed class Html : HtmlObjectRenderer<HtmlBlock>
    {
        protected override void Write(HtmlRenderer renderer, HtmlBlock block)
        {
            if (renderer.EnableHtmlForBlock)
            {
                renderer.Write("<div class=\"html-block\">").Write(block.Html).WriteLine("</div>");
            }
            else if (block.Text.Length > 0)
            {
                renderer.WriteLine(block.Text);
            }
        }
    }

    internal sealed class Attribution : HtmlObjectRenderer<AttributionBlock>
    {
        protected override void Write(HtmlRenderer renderer, AttributionBlock block)
        {
            if (renderer.EnableHtmlForBlock)
            {
                renderer.Write("<figcaption>");
                renderer.WriteLeafInline(block);
                renderer.WriteLine("</figcaption>");
            }
            else
            {
                renderer.Write("— ");
                renderer.WriteLeafInline(block);
                renderer.WriteLine();
            }
        }
    }

    internal sealed class Galleries : HtmlObjectRenderer<GalleryBlock>
    {
        protected override void Write(HtmlRenderer renderer, GalleryBlock block)
        {
            if (!renderer.EnableHtmlForBlock)
            {
                if (block.Caption.Length > 0)
                {
                    renderer.WriteLine(block.Caption);
                }

                return;
            }

            renderer.Write("<figure class=\"gallery gallery-").Write(Math.Min(block.Images.Count, 4).ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Write("\"><div class=\"gallery-images\">");
            foreach (var (src, alt) in block.Images)
            {
                renderer.Write("<img src=\"").WriteEscapeUrl(src).Write("\" alt=\"").WriteEscape(alt).Write("\">");
            }

            renderer.Write("</div>");
            if (block.Caption.Length > 0)
            {
                renderer.Write("<figcaption>").WriteEscape(block.Caption).Write("</figcaption>");
            }

            renderer.WriteLine("</figure>");
        }
    }

    /// <summary>Pull quotes and callouts; any other fenced name is written as its content alone.</summary>
    internal sealed class Containers : HtmlObjectRenderer<CustomContainer>
    {
        protected override void Write(HtmlRenderer renderer, CustomContainer block)
        {
            if (!renderer.EnableHtmlForBlock)
            {
                if (BodyBlocks.Callouts.Contains(block.Info ?? "") && block.Arguments is { Length: > 0 } title)
                {
                    renderer.WriteLine(title.Trim());
                }

                renderer.WriteChildren(block);
                return;
            }

            if (block.Info == BodyBlocks.PullQuote)
            {
                var attribution = block.LastChild as AttributionBlock;
                renderer.Write("<figure class=\"pull-quote\"><blockquote>");
                foreach (var child in block.Where(c => c != attribution))
                {
                    renderer.Write(child);
                }

                renderer.Write("</blockquote>");
                if (attribution is not null)
                {
                    renderer.Write(attribution);
                }

                renderer.WriteLine("</figure>");
            }
            else if (BodyBlocks.Callouts.Contains(block.Info ?? ""))
            {
                var kind = block.Info!;
                renderer.Write("<div class=\"callout callout-").Write(kind).Write("\" role=\"note\"><p class=\"callout-title\"><span class=\"callout-kind\">")
                    .Write(char.ToUpperInvariant(kind[0]) + kind[1..]).Write("</span>");
                if (block.Arguments is { Length: > 0 } title && title.Trim().Length > 0)
                {
                    renderer.Write(": ").WriteEscape(title.Trim());
                }

                renderer.WriteLine("</p>");
                renderer.WriteChildren(block);
                renderer.WriteLine("</div>");
            }
            else
            {
                renderer.WriteChildren(block);
            }
        }
    }
}
