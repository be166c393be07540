using Masthead.Core.Revisions;

namespace Masthead.Core.Tests;

public sealed class WordDiffTests
{
    [Fact]
    public void Changed_words_are_marked_removed_and_added_and_the_rest_kept()
    {
        var pieces = WordDiff.Compare("The council approved the budget.", "The council rejected the budget.");

        Assert.Contains(new DiffPiece("approved", DiffKind.Removed), pieces);
        Assert.Contains(new DiffPiece("rejected", DiffKind.Added), pieces);
        Assert.Equal("The council approved the budget.", string.Concat(pieces.Where(p => p.Kind != DiffKind.Added).Select(p => p.Text)));
        Assert.Equal("The council rejected the budget.", string.Concat(pieces.Where(p => p.Kind != DiffKind.Removed).Select(p => p.Text)));
    }

    [Fact]
    public void Identical_texts_are_one_unchanged_piece()
    {
        var pieces = WordDiff.Compare("Same words here", "Same words here");

        Assert.Equal([new DiffPiece("Same words here", DiffKind.Same)], pieces);
    }

    [Fact]
    public void Adding_to_an_empty_text_is_all_added()
    {
        Assert.Equal([new DiffPiece("New paragraph", DiffKind.Added)], WordDiff.Compare("", "New paragraph"));
    }
}
