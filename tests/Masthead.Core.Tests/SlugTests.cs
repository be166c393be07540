using Masthead.Core.Text;

namespace Masthead.Core.Tests;

public sealed class SlugTests
{
    [Theory]
    [InlineData("Council digs into $412 million budget", "council-digs-into-412-million-budget")]
    [InlineData("  Café owners’ fête in Zürich — día 3 ", "cafe-owners-fete-in-zurich-dia-3")]
    [InlineData("Straße & Ørsted: Łódź", "strase-orsted-lodz")]
    [InlineData("It's the mayor's call", "its-the-mayors-call")]
    [InlineData("---Already--hyphenated---", "already-hyphenated")]
    [InlineData("!!!", "")]
    [InlineData("", "")]
    public void Slugify_makes_lowercase_ascii_words_joined_by_single_hyphens(string text, string expected) =>
        Assert.Equal(expected, Slugs.Slugify(text));

    [Fact]
    public void Slugify_cuts_long_text_at_a_word_boundary_within_the_limit()
    {
        var slug = Slugs.Slugify(string.Join(' ', Enumerable.Repeat("newsroom", 30)));

        Assert.Equal(string.Join('-', Enumerable.Repeat("newsroom", 9)), slug); // 80 characters, the most a slug has
        Assert.EndsWith("newsroom", slug);
        Assert.DoesNotContain("--", slug);
    }

    [Theory]
    [InlineData("budget-night", true)]
    [InlineData("2026-budget", true)]
    [InlineData("Budget", false)]
    [InlineData("budget--night", false)]
    [InlineData("-budget", false)]
    [InlineData("budget night", false)]
    [InlineData("", false)]
    public void IsValid_accepts_only_canonical_slugs(string slug, bool valid) =>
        Assert.Equal(valid, Slugs.IsValid(slug));
}
