using Masthead.Core.Articles;

namespace Masthead.Core.Tests;

public sealed class ArticleUrlTests
{
    [Fact]
    public void Paths_have_a_four_digit_year_and_two_digit_month_and_day() =>
        Assert.Equal("/2026/02/03/council-budget", ArticleUrls.PathFor(new DateOnly(2026, 2, 3), "council-budget"));

    [Theory]
    [InlineData("https://news.example", "https://news.example/2026/02/03/a")]
    [InlineData("https://news.example/", "https://news.example/2026/02/03/a")]
    public void Absolute_urls_join_the_base_without_doubling_the_slash(string baseUrl, string expected) =>
        Assert.Equal(expected, ArticleUrls.Absolute(baseUrl, "/2026/02/03/a"));
}
