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

/// <summary>A word-level comparison of two texts, as runs of unchanged, removed and added words.</summary>
public static class WordDiff
{
    private static readonly Differ Differ = new();

    public static IReadOnlyList<DiffPiece> Compare(string before, string after)
    {
        var result = Differ.CreateDiffs(before, after, ignoreWhiteSpace: false, ignoreCase: false, new WordChunker());
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
