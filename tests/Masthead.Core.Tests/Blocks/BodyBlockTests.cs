using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Masthead.Core.Text;
using Masthead.Core.Text.Blocks;

namespace Masthead.Core.Tests.Blocks;

/// <summary>Pull quotes, callouts, galleries, cards and HTML blocks, as Markdown and as what they render to.</summary>
public sealed class BodyBlockTests
{
    private readonly MarkdownRenderer _renderer = new();
    private readonly HtmlParser _parser = new();

    private IElement Body(string markdown, BodyOptions? options = null) =>
        _parser.ParseDocument(_renderer.Render(markdown, 200_000, "Body", options ?? BodyOptions.Plain).Html).Body!;

    [Fact]
    public void A_pull_quote_names_who_said_it_from_its_last_line()
    {
        var body = Body("::: pullquote\nWe will not close the *library*.\n— Mayor Ada Quill\n:::\n\nThe next paragraph.");

        var figure = Assert.Single(body.QuerySelectorAll("figure.pull-quote"));
        Assert.Equal("We will not close the library.", figure.QuerySelector("blockquote")?.TextContent.Trim());
        Assert.Equal("library", figure.QuerySelector("blockquote em")?.TextContent);
        Assert.Equal("Mayor Ada Quill", figure.QuerySelector("figcaption")?.TextContent);
        Assert.Equal("The next paragraph.", body.QuerySelector(":scope > p")?.TextContent);
    }

    [Fact]
    public void A_pull_quote_without_attribution_is_the_quote_alone()
    {
        var body = Body("::: pullquote\nEvery word counts.\n:::");

        Assert.Equal("Every word counts.", body.QuerySelector("figure.pull-quote blockquote")?.TextContent.Trim());
        Assert.Empty(body.QuerySelectorAll("figcaption"));
    }

    [Theory]
    [InlineData("note", "Note")]
    [InlineData("warning", "Warning")]
    [InlineData("context", "Context")]
    public void A_callout_is_a_labelled_note_with_its_own_text(string kind, string label)
    {
        var body = Body($"::: {kind} What we know\nThe road is **closed**.\n\n- until Friday\n:::");

        var callout = Assert.Single(body.QuerySelectorAll($"div.callout.callout-{kind}"));
        Assert.Equal("note", callout.GetAttribute("role"));
        Assert.Equal($"{label}: What we know", callout.QuerySelector(".callout-title")?.TextContent);
        Assert.Equal("closed", callout.QuerySelector("p strong")?.TextContent);
        Assert.Single(callout.QuerySelectorAll("ul li"));
    }

    [Fact]
    public void A_gallery_gathers_its_images_with_their_alt_text_and_a_caption()
    {
        var body = Body("::: gallery The flood, from the bridge\n![The river over the road](/media/abcdefghijkl/river.jpg)\n" +
            "![Sandbags at the bakery](/media/bcdefghijklm/sandbags.jpg)\n:::");

        var gallery = Assert.Single(body.QuerySelectorAll("figure.gallery"));
        Assert.Equal(["The river over the road", "Sandbags at the bakery"], gallery.QuerySelectorAll("img").Select(i => i.GetAttribute("alt")));
        Assert.Equal("/media/abcdefghijkl/river.jpg", gallery.QuerySelector("img")?.GetAttribute("src"));
        Assert.Equal("The flood, from the bridge", gallery.QuerySelector("figcaption")?.TextContent);
    }

    [Theory]
    [InlineData("/2026/02/03/council-votes-to-keep-library", null)]
    [InlineData("https://news.example/2026/02/03/council-votes-to-keep-library", "news.example")]
    public void A_link_alone_to_one_of_our_articles_is_stored_as_a_card_link(string address, string? siteHost)
    {
        var body = Body(address, BodyOptions.Plain with { SiteHosts = siteHost is null ? [] : [siteHost] });

        Assert.Equal("/2026/02/03/council-votes-to-keep-library", body.QuerySelector("p.article-card > a")?.GetAttribute("href"));
    }

    [Fact]
    public void A_link_alone_to_a_pdf_in_the_library_is_stored_as_a_document_card_link()
    {
        var body = Body("[The budget, in full](/media/abcdefghijkl/budget-2026.pdf)");

        var link = body.QuerySelector("p.document-card > a");
        Assert.Equal(("/media/abcdefghijkl/budget-2026.pdf", "The budget, in full"), (link?.GetAttribute("href"), link?.TextContent));
    }

    [Fact]
    public void An_html_block_keeps_what_the_allowlist_admits_and_nothing_else()
    {
        var body = Body("""
            ::: html
            <div class="graphic" onclick="steal()" style="color:red"><h3>Turnout</h3><table><caption>By ward</caption><tr><td>61%</td></tr></table></div>
            <script>alert(1)</script><style>body{display:none}</style>
            <a href="javascript:alert(1)">bad</a> <a href="https://example.org/">good</a>
            <form action="/x"><input name="q"></form><object data="x.swf"></object><embed src="x.swf"><svg><script>alert(2)</script></svg>
            <iframe src="https://evil.example/frame"></iframe>
            :::
            """, BodyOptions.Trusted);

        var block = Assert.Single(body.QuerySelectorAll("div.html-block"));
        Assert.Equal("Turnout", block.QuerySelector("div.graphic h3")?.TextContent);
        Assert.Equal("By ward", block.QuerySelector("table caption")?.TextContent);
        Assert.Empty(block.QuerySelectorAll("script, style, form, input, object, embed, svg, iframe, [onclick], [style]"));
        Assert.Null(block.QuerySelectorAll("a").Single(a => a.TextContent == "bad").GetAttribute("href"));
        Assert.Equal("https://example.org/", block.QuerySelectorAll("a").Single(a => a.TextContent == "good").GetAttribute("href"));
    }

    [Fact]
    public void An_html_blocks_frame_from_an_allowed_host_becomes_a_click_to_load_embed()
    {
        var body = Body("""
            ::: html
            <iframe title="Turnout by ward" src="https://datawrapper.dwcdn.net/aBc12/1/" height="420" style="border:none"></iframe>
            <script src="https://datawrapper.dwcdn.net/lib/embed.min.js"></script>
            <iframe width="560" height="315" src="https://www.youtube.com/embed/dQw4w9WgXcQ" allowfullscreen></iframe>
            <iframe src="https://embed.example.org/poll/3"></iframe>
            :::
            """, BodyOptions.Trusted with { ExtraEmbedHosts = ["embed.example.org"] });

        var embeds = body.QuerySelectorAll("div.html-block figure.embed");
        Assert.Equal(
            ["https://datawrapper.dwcdn.net/aBc12/1/", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", "https://embed.example.org/poll/3"],
            embeds.Select(e => e.GetAttribute("data-embed-src")));
        Assert.Equal("Datawrapper: Turnout by ward", embeds[0].GetAttribute("data-embed-title"));
        Assert.Contains("height-400", embeds[0].ClassList);
        Assert.Empty(body.QuerySelectorAll("iframe, script"));
    }

    [Fact]
    public void Writers_who_may_not_add_html_blocks_are_refused_but_may_keep_those_already_there()
    {
        const string block = "::: html\n<p class=\"widget\">Poll</p>\n:::";
        var refused = Assert.Throws<HtmlBlockRefusedException>(() => _renderer.Render($"Intro.\n\n{block}", 200_000, "Body", BodyOptions.Plain));
        Assert.Contains("Your role does not allow you to add an HTML block (the ::: html at line 3)", refused.Message);

        var kept = BodyOptions.Plain with { KeptHtml = _renderer.HtmlBlocksIn($"Old intro.\n\n{block}\n") };
        var html = _renderer.Render($"New intro.\n\n{block}", 200_000, "Body", kept).Html;
        Assert.Equal("Poll", _parser.ParseDocument(html).QuerySelector("div.html-block p.widget")?.TextContent);

        Assert.Throws<HtmlBlockRefusedException>(() => _renderer.Render($"{block}\n\n::: html\n<p>Another</p>\n:::", 200_000, "Body", kept));
    }

    [Fact]
    public void Markdown_cannot_write_the_attributes_the_blocks_use()
    {
        var body = Body("<figure data-embed-src=\"https://evil.example/\" role=\"button\">x</figure>\n\n[a](https://x.example/ \"t\"){data-embed-src=https://evil.example/}");

        Assert.Empty(body.QuerySelectorAll("[data-embed-src], [role], figure"));
    }

    [Fact]
    public void Plain_text_keeps_the_words_of_quotes_callouts_and_html_blocks()
    {
        const string markdown = "::: pullquote\nSay it.\n— Ada\n:::\n\n::: note Heads up\nRoad shut.\n:::\n\n::: html\n<p>Poll <b>open</b></p>\n:::";
        var plain = _renderer.Render(markdown, 200_000, "Body", BodyOptions.Trusted).PlainText;

        Assert.Contains("Say it.", plain);
        Assert.Contains("— Ada", plain);
        Assert.Contains("Heads up", plain);
        Assert.Contains("Road shut.", plain);
        Assert.Contains("Poll open", plain);
    }

    [Fact]
    public void Text_made_from_markdown_without_rendering_drops_the_fences_and_keeps_a_title()
    {
        var text = BlockFences.Remove("::: note What we know\nThe road is shut.\n:::\n\n::: pullquote\nSay it.\n:::\n");

        Assert.Equal(["What we know", "The road is shut.", "Say it."], text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
