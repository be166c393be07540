using Masthead.Core.ContentApi;
using Masthead.Core.ContentApi.Nql;

namespace Masthead.Core.Tests;

/// <summary>The NQL filter language as Ghost's Content API reads it: parsing, then predicates over items in memory.</summary>
public sealed class NqlTests
{
    private sealed record Item(string Slug, string Title, int Number, bool Featured, DateTime At, string[] Tags);

    private static readonly NqlFields<Item> Fields = new NqlFields<Item>("items")
        .Text("slug", i => i.Slug)
        .Text("title", i => i.Title)
        .Number("id", i => i.Number)
        .Boolean("featured", i => i.Featured)
        .Date("published_at", i => i.At)
        .Membership("tags.slug", slugs => i => i.Tags.Any(slugs.Contains), "tag", "tags")
        .Constant("visibility", "public");

    private static readonly DateTime Now = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    private static readonly Item[] Items =
    [
        new("budget-night", "Council digs into the budget", 1, true, new(2026, 2, 27, 18, 0, 0, DateTimeKind.Utc), ["politics", "budget"]),
        new("mill-reopening", "Mill to reopen", 2, false, new(2026, 2, 20, 9, 0, 0, DateTimeKind.Utc), ["business", "jobs"]),
        new("mural-festival", "Murals on Main Street", 3, false, new(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc), ["culture"]),
        new("o-brien-s-bakery", "O'Brien's bakery, 40 years on", 4, true, new(2025, 12, 24, 7, 30, 0, DateTimeKind.Utc), ["business"]),
    ];

    [Theory]
    [InlineData("tag:business", "mill-reopening o-brien-s-bakery")]
    [InlineData("tags:[culture,politics]", "budget-night mural-festival")]
    [InlineData("tag:-business", "budget-night mural-festival")]
    [InlineData("tags:-[business,culture]", "budget-night")]
    [InlineData("featured:true", "budget-night o-brien-s-bakery")]
    [InlineData("featured:false+tag:business", "mill-reopening")]
    [InlineData("tag:culture,featured:true", "budget-night mural-festival o-brien-s-bakery")]
    [InlineData("featured:true+tag:business,tag:culture", "mural-festival o-brien-s-bakery")]
    [InlineData("featured:true+(tag:business,tag:culture)", "o-brien-s-bakery")]
    [InlineData("((slug:mill-reopening))", "mill-reopening")]
    [InlineData("slug:-mill-reopening+slug:-mural-festival", "budget-night o-brien-s-bakery")]
    [InlineData("id:3", "mural-festival")]
    [InlineData("id:'3'", "mural-festival")]
    [InlineData("id:>2", "mural-festival o-brien-s-bakery")]
    [InlineData("id:[1,4]", "budget-night o-brien-s-bakery")]
    [InlineData("id:-[1,4]", "mill-reopening mural-festival")]
    [InlineData("id:abc", "")]
    [InlineData("title:'O\\'Brien\\'s bakery, 40 years on'", "o-brien-s-bakery")]
    [InlineData("title:~'REOPEN'", "mill-reopening")]
    [InlineData("title:~^'murals'", "mural-festival")]
    [InlineData("title:~$'on'", "o-brien-s-bakery")]
    [InlineData("title:-~'the'", "mill-reopening mural-festival o-brien-s-bakery")]
    [InlineData("published_at:>2026-02-01", "budget-night mill-reopening")]
    [InlineData("published_at:>='2026-02-20 09:00:00'", "budget-night mill-reopening")]
    [InlineData("published_at:<'2026-01-01T00:00:00+01:00'", "o-brien-s-bakery")]
    [InlineData("published_at:<=2026-01-05T09:00:00Z", "mural-festival o-brien-s-bakery")]
    [InlineData("published_at:>now-7d", "budget-night")]
    [InlineData("published_at:<now-2M", "o-brien-s-bakery")]
    [InlineData("visibility:public", "budget-night mill-reopening mural-festival o-brien-s-bakery")]
    [InlineData("visibility:paid", "")]
    [InlineData("  tag:business  +  featured:true ", "o-brien-s-bakery")]
    public void A_filter_selects_the_items_it_describes(string filter, string expected)
    {
        var predicate = NqlCompiler.Compile(NqlParser.Parse(filter), Fields, Now).Compile();

        Assert.Equal(expected, string.Join(' ', Items.Where(predicate).Select(i => i.Slug)));
    }

    [Fact]
    public void Or_binds_looser_than_and_and_lists_and_negations_become_their_own_operators()
    {
        var node = NqlParser.Parse("a:1+b:-x,c:[p,'q r']+d:>=now-3d");

        var or = Assert.IsType<NqlOr>(node);
        var left = Assert.IsType<NqlAnd>(or.Parts[0]);
        var right = Assert.IsType<NqlAnd>(or.Parts[1]);
        Assert.Equal(new NqlValue(NqlValueKind.Number, "1"), Assert.IsType<NqlComparison>(left.Parts[0]).Values[0]);
        Assert.Equal(NqlOperator.NotEqual, Assert.IsType<NqlComparison>(left.Parts[1]).Operator);
        var list = Assert.IsType<NqlComparison>(right.Parts[0]);
        Assert.Equal((NqlOperator.In, "p|q r"), (list.Operator, string.Join('|', list.Values.Select(v => v.Text))));
        var relative = Assert.IsType<NqlComparison>(right.Parts[1]);
        Assert.Equal((NqlOperator.GreaterOrEqual, NqlValueKind.RelativeDate, "-3d"), (relative.Operator, relative.Values[0].Kind, relative.Values[0].Text));
    }

    [Theory]
    [InlineData("2026-01-31", NqlValueKind.Text)]
    [InlineData("42", NqlValueKind.Number)]
    [InlineData("4.5", NqlValueKind.Number)]
    [InlineData("true", NqlValueKind.Boolean)]
    [InlineData("NULL", NqlValueKind.Null)]
    [InlineData("nullable", NqlValueKind.Text)]
    [InlineData("'true'", NqlValueKind.Text)]
    [InlineData("now-30d", NqlValueKind.RelativeDate)]
    [InlineData("now", NqlValueKind.Text)]
    public void Values_are_read_as_Ghost_reads_them(string value, NqlValueKind kind) =>
        Assert.Equal(kind, Assert.IsType<NqlComparison>(NqlParser.Parse("x:" + value)).Values[0].Kind);

    [Theory]
    [InlineData("tag", 1)]
    [InlineData("tag:", 5)]
    [InlineData("tag:a+", 7)]
    [InlineData("(tag:a", 7)]
    [InlineData("tag:a)", 6)]
    [InlineData("tag:[a,b", 9)]
    [InlineData("tag:'open", 5)]
    [InlineData("tag:=a", 5)]
    [InlineData("tag:a tag:b", 7)]
    public void A_malformed_filter_names_where_reading_stopped(string filter, int position)
    {
        var error = Assert.Throws<NqlSyntaxException>(() => NqlParser.Parse(filter));

        Assert.Equal(position, error.Position);
        Assert.StartsWith("Query Error:", error.Message);
        Assert.EndsWith($"at char {position}", error.Message);
    }

    [Theory]
    [InlineData("colour:blue", "The filter property 'colour' is not supported on items; use slug, title, id, featured, published_at, tags.slug, tag, tags, visibility.")]
    [InlineData("title:>b", "The filter property 'title' does not support the greater-than or less-than comparison.")]
    [InlineData("tag:~b", "The filter property 'tag' does not support the ~ text-matching comparison.")]
    [InlineData("published_at:[2026-01-01]", "The filter property 'published_at' does not support the [list] comparison.")]
    [InlineData("published_at:>soon", "The filter property 'published_at' takes a date such as '2026-01-31' or '2026-01-31T09:30:00Z', not 'soon'.")]
    [InlineData("featured:1", "The filter property 'featured' takes true or false.")]
    [InlineData("tag:null", "The filter property 'tag' cannot be compared with null.")]
    public void What_a_resource_cannot_filter_by_is_refused_with_a_reason(string filter, string message)
    {
        var error = Assert.Throws<ContentApiException>(() => NqlCompiler.Compile(NqlParser.Parse(filter), Fields, Now));

        Assert.Equal((ContentApiError.BadRequest, message), (error.Kind, error.Message));
    }

    [Fact]
    public void A_very_long_filter_is_refused_before_it_is_read() =>
        Assert.Throws<NqlSyntaxException>(() => NqlParser.Parse(string.Join('+', Enumerable.Repeat("tag:news", 300))));
}
