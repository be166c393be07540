using AngleSharp.Html.Parser;
using Masthead.Core.Text;

namespace Masthead.Core.Tests;

public sealed class MarkdownRendererTests
{
    private readonly MarkdownRenderer _renderer = new();
    private readonly HtmlParser _parser = new();

    private RenderedMarkdown Render(string? markdown) => _renderer.Render(markdown, 200_000, "Body");

    [Fact]
    public void Renders_commonmark_headings_emphasis_lists_and_tables()
    {
        var html = Render("## Budget\n\nThe **council** met.\n\n- one\n- two\n\n| Dept | Cut |\n|---|---|\n| Library | 11% |\n").Html;
        var body = _parser.ParseDocument(html).Body!;

        Assert.Equal("Budget", body.QuerySelector("h2")?.TextContent);
        Assert.Equal("council", body.QuerySelector("p strong")?.TextContent);
        Assert.Equal(2, body.QuerySelectorAll("ul li").Length);
        Assert.Equal("Library", body.QuerySelector("table tbody td")?.TextContent);
    }

    [Fact]
    public void A_top_level_heading_becomes_an_h2_and_keeps_its_text()
    {
        var html = Render("# What the council decided\n\nThe vote was close.\n\n### Who voted how").Html;
        var body = _parser.ParseDocument(html).Body!;

        Assert.Empty(body.QuerySelectorAll("h1"));
        Assert.Equal("What the council decided", body.QuerySelector("h2")?.TextContent);
        Assert.Equal("Who voted how", body.QuerySelector("h3")?.TextContent);
    }

    [Fact]
    public void Raw_html_in_markdown_is_shown_as_text_not_passed_through()
    {
        var html = Render("Hello <script>alert('x')</script> and <b onclick=\"steal()\">bold</b>").Html;
        var body = _parser.ParseDocument(html).Body!;

        Assert.Empty(body.QuerySelectorAll("script"));
        Assert.Empty(body.QuerySelectorAll("b"));
        Assert.Contains("<script>", body.TextContent);
    }

    [Theory]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("[click](vbscript:msgbox(1))")]
    [InlineData("![x](javascript:alert(1))")]
    [InlineData("[click](data:text/html;base64,PHNjcmlwdD4=)")]
    public void Dangerous_link_and_image_schemes_are_removed(string markdown)
    {
        var html = Render(markdown).Html;

        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("vbscript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("data:", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Sanitizer_removes_script_and_event_handlers_from_html_it_is_given()
    {
        var clean = _renderer.Sanitize("<p onmouseover=\"x()\">Hi<script>bad()</script><iframe src=\"https://example.org\"></iframe></p>");

        Assert.Equal("<p>Hi</p>", clean);
    }

    [Fact]
    public void Counts_words_of_the_text_without_markup()
    {
        var rendered = Render("## Two words\n\nThree [more](https://example.org) words.");

        Assert.Equal(5, rendered.WordCount);
        Assert.DoesNotContain("#", rendered.PlainText);
    }

    [Fact]
    public void Empty_markdown_renders_nothing()
    {
        Assert.Equal("", Render("   ").Html);
        Assert.Equal(0, Render(null).WordCount);
    }

    [Fact]
    public void Html_and_plain_text_come_from_one_parse_and_agree()
    {
        var rendered = Render("## Council\n\nThe *vote* was [close](https://example.org).\n\n| Ward | Votes |\n|---|---:|\n| 1 | 204 |\n");

        Assert.Equal("Council The vote was close. Ward Votes 1 204", string.Join(' ', rendered.PlainText.Split((char[])['\n', ' '], StringSplitOptions.RemoveEmptyEntries)));
        Assert.Equal("close", _parser.ParseDocument(rendered.Html).Body!.QuerySelector("a[href='https://example.org']")!.TextContent);
        Assert.Equal(9, rendered.WordCount);
    }

    [Fact]
    public void Table_alignment_is_a_class_not_an_inline_style()
    {
        var body = _parser.ParseDocument(Render("| Ward | Votes |\n|:---:|---:|\n| 1 | 204 |\n").Html).Body!;

        Assert.Equal("align-center", body.QuerySelector("td")!.GetAttribute("class"));
        Assert.Equal("align-right", body.QuerySelectorAll("td")[1].GetAttribute("class"));
        Assert.Empty(body.QuerySelectorAll("[style]"));
    }

    [Fact]
    public void The_sanitizer_writes_long_sibling_lists_in_order_and_as_AngleSharp_would()
    {
        var items = string.Concat(Enumerable.Range(1, 3000).Select(i => $"- item {i}\n"));
        var html = Render(items).Html;

        var list = _parser.ParseDocument(html).Body!.QuerySelectorAll("ul > li");
        Assert.Equal(3000, list.Length);
        Assert.Equal("item 2999", list[2998].TextContent);
        Assert.Equal(new Ganss.Xss.HtmlSanitizer().Sanitize(html), _renderer.Sanitize(html));
    }

    [Theory]
    [InlineData(129, ">")]
    [InlineData(1, "*")]
    public void Text_nested_too_deeply_is_refused_by_field_with_a_message(int _, string kind)
    {
        var markdown = kind == ">" ? new string('>', 128) + " quote" : new string('*', 1000) + "a" + new string('*', 1000);

        var refused = Assert.Throws<ValidationException>(() => _renderer.Render(markdown, 200_000, "Body"));

        Assert.Contains("nested more than", refused.Problems["Body"]);
    }

    [Fact]
    public void Text_over_its_length_or_line_limit_is_refused_before_it_is_parsed()
    {
        Assert.Contains("the limit is 100", Assert.Throws<ValidationException>(() => _renderer.Render(new string('a', 101), 100, "Body")).Problems["Body"]);
        Assert.Contains("lines", Assert.Throws<ValidationException>(() => _renderer.Render(string.Concat(Enumerable.Repeat("a\r", 6000)), 200_000, "Body")).Problems["Body"]);
    }

    [Theory]
    [InlineData("[a](")]
    [InlineData("*a ")]
    [InlineData("[^a] ")]
    [InlineData("http://a.b ")]
    public void Dense_formatting_is_refused_with_what_to_change(string unit)
    {
        var markdown = string.Concat(Enumerable.Repeat(unit, 200_000 / unit.Length));

        var refused = Assert.Throws<ValidationException>(() => _renderer.Render(markdown, 200_000, "Body"));

        Assert.Contains("more formatting here than can be shown quickly", refused.Problems["Body"]);
    }

    [Fact]
    public void A_wide_table_header_over_many_short_rows_is_refused_before_its_cells_are_made()
    {
        var markdown = string.Concat(Enumerable.Repeat("a|", 1000)) + "\n" + string.Concat(Enumerable.Repeat("-|", 1000)) + "\n" + string.Concat(Enumerable.Repeat("|\n", 2000));

        Assert.Throws<ValidationException>(() => _renderer.Render(markdown, 200_000, "Body"));
    }
}
