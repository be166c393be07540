using System.Globalization;
using Markdig;
using Markdig.Parsers;
using Markdig.Renderers;
using Markdig.Syntax;

namespace Masthead.Core.Text;

/// <summary>
/// Refuses Markdown that would take Markdig and the sanitizer more than a moment, before the costly part starts. As
/// each block closes, and before any inline is parsed, the block's text is measured (<see cref="MarkdownWorkTally"/>)
/// and added to the document's tally; past either limit the parse stops with <see cref="MarkdownRefusedException"/>.
/// The limits keep the worst text found at the longest length under about 100 ms (bench/README.md, "markdown").
/// </summary>
internal sealed class MarkdownWorkLimit : IMarkdownExtension
{
    /// <summary>Steps of the inline parser's quadratic walks (see <see cref="MarkdownWorkTally.Work"/>).</summary>
    public const long MaxWork = 12_000_000;

    /// <summary>Blocks, inlines and table cells: the elements the sanitizer walks.</summary>
    public const long MaxElements = 20_000;

    private static readonly object TallyKey = new();

    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        foreach (var parser in pipeline.BlockParsers)
        {
            parser.Closed += Measure;
        }
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
    }

    private static void Measure(BlockProcessor processor, Block block)
    {
        if (processor.Document.GetData(TallyKey) is not MarkdownWorkTally tally)
        {
            tally = new MarkdownWorkTally();
            processor.Document.SetData(TallyKey, tally);
        }

        tally.AddBlock(block is LeafBlock { ProcessInlines: true } leaf ? leaf.Lines : default);
        if (tally.Work > MaxWork || tally.Elements > MaxElements)
        {
            var line = (block.Line + 1).ToString("N0", CultureInfo.InvariantCulture);
            throw new MarkdownRefusedException(
                $"There is more formatting here than can be shown quickly; the limit is reached at line {line}. " +
                "Use fewer *, _, ~, ^, =, + and [ marks, links, list items or table cells, or split long paragraphs and tables with blank lines.");
        }
    }
}

/// <summary>Markdown that would take too long to render, with what to change, for the person who wrote it.</summary>
internal sealed class MarkdownRefusedException(string message) : Exception(message);
