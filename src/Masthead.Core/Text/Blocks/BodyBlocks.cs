using System.Globalization;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.CustomContainers;
using Markdig.Parsers;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Masthead.Core.Media;

namespace Masthead.Core.Text.Blocks;

/// <summary>
/// Blocks beyond paragraphs, written in Markdown:
/// <list type="bullet">
/// <item>a link alone on its line to a provider's video, post, track, map, chart or document: an embed;</item>
/// <item>a link alone on its line to another of our articles, or to a PDF in the media library: a card;</item>
/// <item><c>::: pullquote</c>, <c>::: note</c>, <c>::: warning</c>, <c>::: context</c>, <c>::: gallery</c> and
/// <c>::: html</c> blocks, closed by a line <c>:::</c>.</item>
/// </list>
/// The parser only finds the fences (Markdig's custom containers); <see cref="Apply"/> then turns the parsed
/// document's paragraphs and containers into the blocks, which <see cref="BlockRenderers"/> write.
/// </summary>
internal sealed partial class BodyBlocks : IMarkdownExtension
{
    public const string PullQuote = "pullquote";
    public const string Gallery = "gallery";
    public static readonly IReadOnlyList<string> Callouts = ["note", "warning", "context"];

    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        // Only the block fences: Markdig's inline ::marks:: would change the meaning of text already written.
        if (!pipeline.BlockParsers.Contains<CustomContainerParser>())
        {
            pipeline.BlockParsers.Insert(0, new CustomContainerParser());
        }
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is HtmlRenderer html)
        {
            html.ObjectRenderers.Insert(0, new BlockRenderers.Embeds());
            html.ObjectRenderers.Insert(0, new BlockRenderers.Cards());
            html.ObjectRenderers.Insert(0, new BlockRenderers.Html());
            html.ObjectRenderers.Insert(0, new BlockRenderers.Attribution());
            html.ObjectRenderers.Insert(0, new BlockRenderers.Galleries());
            html.ObjectRenderers.Insert(0, new BlockRenderers.Containers());
        }
    }

    /// <summary>Turns links alone on their lines and the fenced blocks into blocks.</summary>
    /// <exception cref="HtmlBlockRefusedException">An HTML block the writer may not add.</exception>
    public static void Apply(MarkdownDocument document, string markdown, BodyOptions options)
    {
        foreach (var block in document.Descendants().ToList())
        {
            switch (block)
            {
                case CustomContainer { Info: HtmlBlocks.Info } container:
                    var source = HtmlBlocks.Source(container, markdown);
                    if (!options.MayAddHtml && !options.KeptHtml.Contains(source))
                    {
                        var line = (container.Line + 1).ToString("N0", CultureInfo.InvariantCulture);
                        throw new HtmlBlockRefusedException(
                            $"Your role does not allow you to add an HTML block (the ::: html at line {line}); only editors and administrators may. " +
                            "Take it out, or ask an editor to add it.");
                    }

                    var (html, text) = HtmlBlocks.Render(source, options.ExtraEmbedHosts);
                    Replace(container, new HtmlBlock(html, text) { Line = container.Line, Span = container.Span });
                    break;
                case CustomContainer { Info: Gallery } gallery:
                    var images = gallery.Descendants<LinkInline>().Where(l => l.IsImage && l.Url is { Length: > 0 })
                        .Select(l => (l.Url!, InlineText.Of(l))).ToList();
                    Replace(gallery, new GalleryBlock(images, gallery.Arguments?.Trim() ?? "") { Line = gallery.Line, Span = gallery.Span });
                    break;
                case CustomContainer { Info: PullQuote } quote:
                    SplitAttribution(quote);
                    break;
                case ParagraphBlock paragraph when paragraph.Parent is MarkdownDocument or CustomContainer && InlineText.LoneLink(paragraph) is { } link:
                    if (LinkBlock(link.Url, link.Title, options) is { } linked)
                    {
                        linked.Line = paragraph.Line;
                        linked.Span = paragraph.Span;
                        Replace(paragraph, linked);
                    }

                    break;
            }
        }
    }

    /// <summary>The HTML blocks in a text, as written: those a writer who may not add one may keep.</summary>
    public static IReadOnlySet<string> HtmlSources(MarkdownDocument document, string markdown) =>
        document.Descendants<CustomContainer>().Where(c => c.Info == HtmlBlocks.Info).Select(c => HtmlBlocks.Source(c, markdown)).ToHashSet(StringComparer.Ordinal);

    private static LeafBlock? LinkBlock(string url, string? title, BodyOptions options)
    {
        if (EmbedProviders.Recognise(url, options.ExtraEmbedHosts) is { } embed)
        {
            return new EmbedBlock(embed, title);
        }

        if (ArticlePath(url, options.SiteHosts) is { } path)
        {
            return new CardBlock("article-card", path, title ?? url);
        }

        return MediaAddresses.TryGetKey(url, out _) && url.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase) && url.StartsWith('/')
            ? new CardBlock("document-card", url, title ?? Uri.UnescapeDataString(url[(url.LastIndexOf('/') + 1)..]))
            : null;
    }

    /// <summary>"/2026/02/03/a-slug", from that path or from a full address on one of the publication's hosts.</summary>
    private static string? ArticlePath(string url, IReadOnlyCollection<string> siteHosts)
    {
        var path = url;
        if (!url.StartsWith('/') && Uri.TryCreate(url, UriKind.Absolute, out var absolute))
        {
            if (absolute.Scheme is not ("http" or "https") || !siteHosts.Contains(absolute.Host, StringComparer.OrdinalIgnoreCase) || absolute.Query.Length > 0)
            {
                return null;
            }

            path = absolute.AbsolutePath;
        }

        return ArticlePathPattern().IsMatch(path) ? path.TrimEnd('/') : null;
    }

    /// <summary>A pull quote's last line, when it starts with a dash, names who said it.</summary>
    private static void SplitAttribution(CustomContainer quote)
    {
        if (quote.LastChild is not ParagraphBlock { Inline: { } inline } last)
        {
            return;
        }

        var children = inline.ToList();
        var start = children.FindLastIndex(c => c is LineBreakInline) + 1;
        if (start >= children.Count || children[start] is not LiteralInline first || !IsDash(first.Content.ToString()))
        {
            return;
        }

        var attribution = new ContainerInline();
        foreach (var child in children.Skip(start))
        {
            child.Remove();
            attribution.AppendChild(child);
        }

        first.Content = new Markdig.Helpers.StringSlice(first.Content.ToString().TrimStart('—', '―', '-', '–', ' '));
        if (start > 0)
        {
            children[start - 1].Remove(); // the line break before it
        }
        else
        {
            quote.Remove(last);
        }

        quote.Add(new AttributionBlock(attribution));
    }

    private static bool IsDash(string text) =>
        text.StartsWith('—') || text.StartsWith('―') || text.StartsWith("--", StringComparison.Ordinal) || text.StartsWith("– ", StringComparison.Ordinal);

    private static void Replace(Block old, Block replacement)
    {
        var parent = old.Parent!;
        parent[parent.IndexOf(old)] = replacement;
    }

    [GeneratedRegex("^/\\d{4}/\\d{2}/\\d{2}/[a-z0-9]+(?:-[a-z0-9]+)*/?$")]
    private static partial Regex ArticlePathPattern();
}
