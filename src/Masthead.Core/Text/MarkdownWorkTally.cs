using Markdig.Helpers;

namespace Masthead.Core.Text;

/// <summary>
/// What a document's inlines will cost Markdig and the sanitizer, estimated block by block from the text alone:
/// <list type="bullet">
/// <item>Every emphasis run (<c>*</c>, <c>_</c>, <c>~</c>, <c>^</c>, <c>=</c>, <c>+</c>), <c>[</c> and bare web address
/// is an open container until the end of its paragraph, and every inline written meanwhile walks down through all of
/// them; a bare web address also walks back over every inline before it. A paragraph costs openers × inlines.</item>
/// <item>An unclosed link destination is read to the end of its line, once per <c>](</c>.</item>
/// <item>A table row is padded to the header's width: a wide header over many short rows makes rows × columns cells.</item>
/// </list>
/// Each count is an upper bound of what Markdig does with the block, so ordinary prose costs little: a 200,000-character
/// article is a few hundred thousand steps and about a thousand elements.
/// </summary>
internal sealed class MarkdownWorkTally
{
    /// <summary>How many openers a bare web address counts as: it walks back over the inlines before it twice.</summary>
    private const int AddressWeight = 4;

    /// <summary>How many elements a link counts as: the sanitizer also checks its address.</summary>
    private const int LinkWeight = 2;

    public long Work { get; private set; }

    public long Elements { get; private set; }

    /// <param name="lines">The block's text, when it has inlines; empty for a container.</param>
    public void AddBlock(StringLineGroup lines)
    {
        Elements++;
        long openers = 0, inlines = 0, links = 0, pipes = 0, widestRow = 0, destinationReads = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            var text = lines.Lines[i].Slice.AsSpan();
            long pipesInLine = 0;
            inlines++;
            for (var at = 0; at < text.Length; at++)
            {
                switch (text[at])
                {
                    case '*' or '_' or '~' or '^' or '=' or '+' when at == 0 || text[at - 1] != text[at]:
                        openers++;
                        inlines++;
                        break;
                    case '[':
                        openers++;
                        inlines++;
                        links++;
                        break;
                    case 'w' when text[at..].StartsWith("www."):
                    case ':' when text[(at + 1)..].StartsWith("//") || text[..at].EndsWith("mailto") || text[..at].EndsWith("tel"):
                        openers += AddressWeight;
                        inlines++;
                        links++;
                        break;
                    case ']' when at + 1 < text.Length && text[at + 1] == '(':
                        destinationReads += text.Length - at;
                        inlines++;
                        break;
                    case '|':
                        pipesInLine++;
                        break;
                    case '*' or '_' or '~' or '^' or '=' or '+' or ']' or '!' or '<' or '>' or '&' or '\\' or '`' or '(' or ')' or '@' or '"' or '\'':
                        inlines++;
                        break;
                }
            }

            pipes += pipesInLine;
            widestRow = Math.Max(widestRow, pipesInLine + 1);
        }

        var cells = pipes == 0 ? 0 : widestRow * lines.Count;
        Work += openers * (inlines + pipes) + destinationReads / 2 + cells;
        Elements += inlines + LinkWeight * links + 2 * cells;
    }
}
