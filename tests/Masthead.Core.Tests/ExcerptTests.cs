using Masthead.Core.Text;

namespace Masthead.Core.Tests;

public sealed class ExcerptTests
{
    [Fact]
    public void Short_text_comes_back_whole_on_one_line()
    {
        Assert.Equal("Council is back in session.", Excerpts.Shorten("  Council is\nback   in session. ", 80));
    }

    [Fact]
    public void Long_text_is_cut_at_the_last_space_within_the_limit()
    {
        var text = "The council voted six to three to restore Monday hours at every branch library in the city tonight.";

        var shortened = Excerpts.Shorten(text, 40);

        Assert.Equal("The council voted six to three to…", shortened);
        Assert.True(shortened.Length <= 40);
    }

    [Fact]
    public void Text_without_spaces_is_cut_at_the_limit()
    {
        var address = "https://example.org/" + new string('a', 130);

        var shortened = Excerpts.Shorten(address, 110);

        Assert.Equal(110, shortened.Length);
        Assert.Equal(address[..109] + "…", shortened);
    }

    [Fact]
    public void A_space_early_in_the_text_does_not_make_it_much_shorter()
    {
        var text = "See " + new string('x', 200);

        Assert.Equal(80, Excerpts.Shorten(text, 80).Length);
    }

    [Fact]
    public void Chinese_text_is_cut_between_characters()
    {
        var text = string.Concat(Enumerable.Repeat("市议会今晚投票恢复图书馆周一开放时间", 10));

        var shortened = Excerpts.Shorten(text, 110);

        Assert.Equal(text[..109] + "…", shortened);
    }

    [Fact]
    public void Characters_outside_the_basic_plane_are_never_split()
    {
        var text = string.Concat(Enumerable.Repeat("😀", 100)); // two UTF-16 units each

        var shortened = Excerpts.Shorten(text, 80);

        Assert.Equal(string.Concat(Enumerable.Repeat("😀", 39)) + "…", shortened);
    }

    [Fact]
    public void Accented_letters_keep_their_accents()
    {
        var text = string.Concat(Enumerable.Repeat("e\u0301", 60)); // é as a letter and a combining accent

        var shortened = Excerpts.Shorten(text, 80);

        Assert.Equal(string.Concat(Enumerable.Repeat("e\u0301", 39)) + "…", shortened);
    }
}
