using DiffPlex;
using DiffPlex.Chunkers;

namespace Masthead.Core.Revisions;

public enum DiffKind
{
    Same,
    Removed,
    Added,
}

public sealed record DiffPiece(string Text, DiffKind Kind);

/// <summary>
/// A word-level comparison of two texts, as runs of unchanged, removed and added words; lists of names are
/// compared name by name.
/// </summary>
public static class WordDiff
{
    private static readonly Differ Differ = new();

    private static readonly WordChunker Words = new();

    // A name never holds a line break, so a line is one name, kept whole however many words and brackets it has.
    private static readonly DelimiterChunker Names = new(['\n']);

    public static IReadOnlyList<DiffPiece> Compare(string before, string after) => Compare(before, after, Words);

    /// <summary>
    /// Compares two lists of names (a section, tags, bylines) keeping each name whole, so a renamed or deleted one
    /// is shown as one name replaced by another rather than as a jumble of words and commas.
    /// </summary>
    public static IReadOnlyList<DiffPiece> CompareNames(IReadOnlyList<string> before, IReadOnlyList<string> after) =>
        [.. Compare(string.Join('\n', before), string.Join('\n', after), Names).Select(p => p with { Text = p.Text.Replace("\n", ", ", StringComparison.Ordinal) })];

    private static List<DiffPiece> Compare(string before, string after, IChunker chunker)
    {
        var result = Differ.CreateDiffs(before, after, ignoreWhiteSpace: false, ignoreCase: false, chunker);
        var pieces = new List<DiffPiece>();
        var oldIndex = 0;
        foreach (var block in result.DiffBlocks)
        {
            Add(pieces, result.PiecesOld, oldIndex, block.DeleteStartA - oldIndex, DiffKind.Same);
            Add(pieces, result.PiecesOld, block.DeleteStartA, block.DeleteCountA, DiffKind.Removed);
            Add(pieces, result.PiecesNew, block.InsertStartB, block.InsertCountB, DiffKind.Added);
            oldIndex = block.DeleteStartA + block.DeleteCountA;
        }

        Add(pieces, result.PiecesOld, oldIndex, result.PiecesOld.Count - oldIndex, DiffKind.Same);
        return pieces;
    }

    private static void Add(List<DiffPiece> pieces, IReadOnlyList<string> words, int start, int count, DiffKind kind)
    {
        if (count <= 0)
        {
            return;
        }

        var text = string.Concat(words.Skip(start).Take(count));
        if (pieces.Count > 0 && pieces[^1].Kind == kind)
        {
            pieces[^1] = pieces[^1] with { Text = pieces[^1].Text + text };
        }
        else
        {
            pieces.Add(new DiffPiece(text, kind));
        }
    }
}
