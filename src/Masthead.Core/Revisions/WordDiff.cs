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

    /// <summary>
    /// Compares two lists of names (a section, tags, bylines) keeping each name whole, so a renamed or deleted one
    /// is shown as one name replaced by another rather than as a jumble of words and commas.
    /// </summary>
    public static IReadOnlyList<DiffPiece> CompareNames(IReadOnlyList<string> before, IReadOnlyList<string> after)
    {
        // common[b, a]: how many names before[b..] and after[a..] have in common, in order.
        var common = new int[before.Count + 1, after.Count + 1];
        for (var b = before.Count - 1; b >= 0; b--)
        {
            for (var a = after.Count - 1; a >= 0; a--)
            {
                common[b, a] = before[b] == after[a] ? common[b + 1, a + 1] + 1 : Math.Max(common[b + 1, a], common[b, a + 1]);
            }
        }

        var pieces = new List<DiffPiece>();
        var (i, j) = (0, 0);
        while (i < before.Count || j < after.Count)
        {
            if (i < before.Count && j < after.Count && before[i] == after[j])
            {
                AddName(pieces, before[i++], DiffKind.Same);
                j++;
            }
            else if (j == after.Count || (i < before.Count && common[i + 1, j] >= common[i, j + 1]))
            {
                AddName(pieces, before[i++], DiffKind.Removed);
            }
            else
            {
                AddName(pieces, after[j++], DiffKind.Added);
            }
        }

        return pieces;
    }

    private static void AddName(List<DiffPiece> pieces, string name, DiffKind kind) =>
        Add(pieces, [pieces.Count == 0 ? name : ", " + name], 0, 1, kind);

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
