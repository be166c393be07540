using AngleSharp.Html.Parser;
using Masthead.Core.Text;

namespace Masthead.Core.Tests;

public sealed class MarkdownRendererTests
{
    private readonly MarkdownRenderer _renderer = new();
    private readonly HtmlParser _parser = new();

    [Fact]
    public void Renders_commonmark_headings_emphasis_lists_and_tables()
    {
        var html = _renderer.Render("## Budget\n\nThe **council** met.\n\n- one\n- two\n\n| Dept | Cut |\n|---|---|\n| Library | 11% |\n").Html;
        var body = _parser.ParseDocument(html).Body!;

        Assert.Equal("Budget", body.QuerySelector("h2")?.TextContent);
        Assert.Equal("council", body.QuerySelector("p strong")?.TextContent);
        Assert.Equal(2, body.QuerySelectorAll("ul li").Length);
        Assert.Equal("Library", body.QuerySelector("table tbody td")?.TextContent);
    }

    [Fact]
    public void A_top_level_heading_becomes_an_h2_and_keeps_its_text()
    {
        var html = _renderer.Render("# What the council decided\n\nThe vote was close.\n\n### Who voted how").Html;
        var body = _parser.ParseDocument(html).Body!;

        Assert.Empty(body.QuerySelectorAll("h1"));
        Assert.Equal("What the council decided", body.QuerySelector("h2")?.TextContent);
        Assert.Equal("Who voted how", body.QuerySelector("h3")?.TextContent);
    }

    [Fact]
    public void Raw_html_in_markdown_is_shown_as_text_not_passed_through()
    {
        var html = _renderer.Render("Hello <script>alert('x')</script> and <b onclick=\"steal()\">bold</b>").Html;
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
        var html = _renderer.Render(markdown).Html;

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
        var rendered = _renderer.Render("## Two words\n\nThree [more](https://example.org) words.");

        Assert.Equal(5, rendered.WordCount);
        Assert.DoesNotContain("#", rendered.PlainText);
    }

    [Fact]
    public void Empty_markdown_renders_nothing()
    {
        Assert.Equal("", _renderer.Render("   ").Html);
        Assert.Equal(0, _renderer.Render(null).WordCount);
    }
}
