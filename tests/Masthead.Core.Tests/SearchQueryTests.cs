using Masthead.Core.Search;

namespace Masthead.Core.Tests;

/// <summary>What a reader types becomes words and phrases; nothing in it is ever an operator.</summary>
public sealed class SearchQueryTests
{
    [Theory]
    [InlineData("council budget", "council budget")]
    [InlineData("  Council   BUDGET  ", "Council BUDGET")]
    [InlineData("\"city hall\" budget", "\"city hall\" budget")]
    [InlineData("“city hall” budget", "\"city hall\" budget")]
    [InlineData("well-known U.S. firm", "\"well known\" \"U S\" firm")]
    [InlineData("budget AND council OR NOT NEAR bus", "budget council bus")]
    [InlineData("and or not", "and or not")]
    [InlineData("elect* budget", "elect* budget")]
    [InlineData("-bus +fare (zone) ^2 col:x", "bus fare zone 2 \"col x\"")]
    [InlineData("budget budget BUDGET", "budget")]
    [InlineData("café Zürich", "café Zürich")]
    public void Words_and_phrases_are_read_as_typed_and_punctuation_is_never_an_operator(string typed, string expected) =>
        Assert.Equal(expected, SearchQuery.Parse(typed).ToString());

    [Fact]
    public void Only_a_star_at_the_end_of_a_word_asks_for_a_prefix()
    {
        var terms = SearchQuery.Parse("budget elect* council").Terms;

        Assert.Equal([false, true, false], terms.Select(t => t.IsPrefix));
        Assert.False(SearchQuery.Parse("budget elect").Terms[^1].IsPrefix);
        Assert.False(SearchQuery.Parse("\"city hall\"*").Terms[0].IsPrefix);
    }

    [Fact]
    public void The_text_shown_back_is_the_trimmed_query()
    {
        Assert.Equal("“city hall” AND budget", SearchQuery.Parse("  “city hall” AND budget ").Text);
    }

    [Theory]
    [InlineData(null, "Type a word")]
    [InlineData("", "Type a word")]
    [InlineData("   ", "Type a word")]
    [InlineData("\"\" AND OR - *", "at least one word")]
    [InlineData("\"\"", "at least one word")]
    [InlineData("*** --- ()", "at least one word")]
    [InlineData("\"city hall", "closing quotation mark")]
    [InlineData("budget \"city \"hall\"", "closing quotation mark")]
    [InlineData("el*", "at least 3 letters")]
    public void A_query_that_cannot_be_searched_is_refused_with_a_message_for_the_reader(string? typed, string message)
    {
        var refused = Assert.Throws<ValidationException>(() => SearchQuery.Parse(typed));

        Assert.Contains(message, refused.Problems[SearchQuery.Field], StringComparison.Ordinal);
    }

    [Fact]
    public void A_query_over_the_length_limit_or_with_too_many_terms_is_refused()
    {
        Assert.Equal(new string('a', 200), SearchQuery.Parse(new string('a', 200)).ToString());
        var tooLong = Assert.Throws<ValidationException>(() => SearchQuery.Parse(new string('a', 201)));
        Assert.Contains("at most 200 characters", tooLong.Message, StringComparison.Ordinal);

        string Words(int count) => string.Join(' ', Enumerable.Range(0, count).Select(i => $"w{i}"));
        Assert.Equal(16, SearchQuery.Parse(Words(16)).Terms.Count);
        Assert.Contains("at most 16 words", Assert.Throws<ValidationException>(() => SearchQuery.Parse(Words(17))).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("budget", null, null, null, SearchSort.Relevance, 1, 10)]
    [InlineData("budget", "newest", "3", "25", SearchSort.Newest, 3, 25)]
    [InlineData("budget", "RELEVANCE", "", "", SearchSort.Relevance, 1, 10)]
    public void A_request_reads_sort_page_and_limit_with_defaults(string q, string? sort, string? page, string? limit, SearchSort expectedSort, int expectedPage, int expectedSize)
    {
        var request = SearchRequest.Parse(q, sort, page, limit);

        Assert.Equal((expectedSort, expectedPage, expectedSize), (request.Sort, request.Page, request.PageSize));
    }

    [Fact]
    public void Every_bad_parameter_of_a_request_is_reported_at_once()
    {
        var refused = Assert.Throws<ValidationException>(() => SearchRequest.Parse("", "oldest", "0", "x"));

        Assert.Equal(["limit", "page", "q", "sort"], refused.Problems.Keys.Order());
        Assert.Throws<ValidationException>(() => SearchRequest.Parse("budget", null, "-1", null));
        Assert.Throws<ValidationException>(() => SearchRequest.Parse("budget", null, "1.5", null));
        Assert.Throws<ValidationException>(() => SearchRequest.Parse("budget", null, null, "51"));
    }
}
